//! A map kept as a short vector, looked up by a linear scan.
//!
//! The policy's and the context's maps hold a handful of entries each (rules,
//! categories, standards, equality areas). A `BTreeMap` compiles to several
//! kilobytes of WebAssembly for every key and value type; this compiles to
//! almost nothing and is as fast at these sizes.

use std::borrow::Borrow;

/// Keys in insertion order; inserting a key again replaces its value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SmallMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SmallMap<K, V> {
    fn default() -> Self {
        SmallMap(Vec::new())
    }
}

impl<K: PartialEq, V> SmallMap<K, V> {
    pub fn new() -> Self {
        SmallMap::default()
    }

    pub fn insert(&mut self, key: K, value: V) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn get<Q: PartialEq + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.0.iter().find(|(k, _)| k.borrow() == key).map(|(_, v)| v)
    }

    #[cfg_attr(not(test), allow(dead_code))]
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl<K: PartialEq + Borrow<Q>, Q: PartialEq + ?Sized, V> std::ops::Index<&Q> for SmallMap<K, V> {
    type Output = V;

    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("the key is in the map")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_replaces_and_get_finds() {
        let mut map = SmallMap::new();
        map.insert("a".to_owned(), 1);
        map.insert("b".to_owned(), 2);
        map.insert("a".to_owned(), 3);
        assert_eq!((map.len(), map["a"], map.get("b"), map.get("c")), (2, 3, Some(&2), None));
    }
}
