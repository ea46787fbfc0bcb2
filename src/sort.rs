//! One small sort for the whole crate.
//!
//! The standard library's sorts are faster on large slices, but each use
//! compiles to several kilobytes of WebAssembly, and the crate sorts in a
//! dozen places. What a check sorts is a few thousand items at most, often
//! nearly in order already (word-list hits come in text order but for
//! overlaps), so an insertion sort that gives up to a heapsort when the input
//! turns out to be disordered is quick and compiles to a few hundred bytes.

/// Sorts `v` by `less` (not stably), with no allocation: linear on nearly
/// sorted input, O(n log n) at worst.
pub(crate) fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let n = v.len();
    let mut budget = 8 * n + 64;
    let mut i = 1;
    while i < n {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
            budget = budget.saturating_sub(1);
        }
        if budget == 0 {
            break;
        }
        i += 1;
    }
    if i >= n {
        return;
    }
    heapsort(v, &mut less);
}

fn heapsort<T>(v: &mut [T], less: &mut impl FnMut(&T, &T) -> bool) {
    let n = v.len();
    for node in (0..n / 2).rev() {
        sift_down(v, node, n, less);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end, less);
    }
}

/// Sorts `v` in its natural order (not stably).
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, |a, b| a < b);
}

/// Restores the max-heap below `node` in `v[..end]`.
fn sift_down<T>(v: &mut [T], mut node: usize, end: usize, less: &mut impl FnMut(&T, &T) -> bool) {
    loop {
        let mut child = 2 * node + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[node], &v[child]) {
            return;
        }
        v.swap(node, child);
        node = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for len in (0..40).chain([100, 1000, 4097]) {
            let mut ours: Vec<(u8, u16)> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 7) as u8, (seed >> 8) as u16)
                })
                .collect();
            let mut theirs = ours.clone();
            theirs.sort();
            sort(&mut ours);
            assert_eq!(ours, theirs, "length {len}");
            sort_by(&mut ours, |a, b| a.1 > b.1);
            assert!(ours.windows(2).all(|w| w[0].1 >= w[1].1));
            // Nearly sorted: a few neighbours swapped.
            let mut nearly = theirs.clone();
            for k in (1..nearly.len()).step_by(5) {
                nearly.swap(k - 1, k);
            }
            sort(&mut nearly);
            assert_eq!(nearly, theirs);
        }
    }
}
