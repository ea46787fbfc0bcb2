//! The sentence models: one logistic regression per judgement (opinion, the
//! child's voice) over a sentence's hashed features, trained on the labelled
//! corpus by `make model` and shipped as data (`data/model/*.bin`), read once
//! when a checker is built.
//!
//! A weight file is little-endian: `CNCM`, version 1, the hash bits, the
//! detector (0 opinion, 1 voice), a reserved byte; the bias, the weight scale,
//! the log-odds at which a sentence counts and the note-level log-odds below
//! which the note surely lacks it (four `f32`); the number of non-zero
//! weights (`u32`); then each as its bucket (`u16`) and its quantised weight
//! (`i8`, times the scale).

use super::features::Detector;

/// A trained model, ready to score sentences.
#[derive(Debug)]
pub(crate) struct Model {
    bias: f32,
    scale: f32,
    /// A sentence counts as evidence at or above these log-odds.
    pub present_at: f32,
    /// Below these note-level log-odds the note surely lacks it: the
    /// "missing" finding is a warning, not a question.
    pub surely_absent_below: f32,
    weights: Vec<i8>,
}

/// The models a checker uses.
#[derive(Debug)]
pub(crate) struct Models {
    pub opinion: Model,
    pub voice: Model,
}

const OPINION: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/model/opinion.bin"));
const VOICE: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/model/voice.bin"));

impl Models {
    /// The shipped models.
    pub fn builtin() -> Models {
        Models {
            opinion: Model::read(OPINION, Detector::Opinion).expect("the shipped opinion model is well formed (tested)"),
            voice: Model::read(VOICE, Detector::Voice).expect("the shipped voice model is well formed (tested)"),
        }
    }
}

impl Model {
    /// A model from its weight file, or what is wrong with the file.
    pub fn read(bytes: &[u8], detector: Detector) -> Result<Model, String> {
        let take = |at: usize, n: usize| bytes.get(at..at + n).ok_or_else(|| format!("the weight file ends at byte {}", bytes.len()));
        let f32_at = |at: usize| take(at, 4).map(|b| f32::from_le_bytes(b.try_into().expect("four bytes")));
        if take(0, 4)? != b"CNCM" || take(4, 1)?[0] != 1 {
            return Err("not a version 1 weight file".into());
        }
        let bits = u32::from(take(5, 1)?[0]);
        if bits != super::features::BITS {
            return Err(format!("the weights are for {bits} hash bits, the features have {}", super::features::BITS));
        }
        let expected = match detector {
            Detector::Opinion => 0,
            Detector::Voice => 1,
        };
        if take(6, 1)?[0] != expected {
            return Err("the weight file is for the other detector".into());
        }
        let (bias, scale, present_at, surely_absent_below) = (f32_at(8)?, f32_at(12)?, f32_at(16)?, f32_at(20)?);
        let count = u32::from_le_bytes(take(24, 4)?.try_into().expect("four bytes")) as usize;
        let mut weights = vec![0i8; 1 << bits];
        for i in 0..count {
            let entry = take(28 + 3 * i, 3)?;
            let bucket = usize::from(u16::from_le_bytes([entry[0], entry[1]]));
            *weights.get_mut(bucket).ok_or_else(|| format!("bucket {bucket} is out of range"))? = entry[2] as i8;
        }
        if bytes.len() != 28 + 3 * count {
            return Err("the weight file has trailing bytes".into());
        }
        Ok(Model { bias, scale, present_at, surely_absent_below, weights })
    }

    /// The weight of one bucket.
    pub fn weight(&self, bucket: u32) -> f32 {
        f32::from(self.weights[bucket as usize]) * self.scale
    }

    /// The log-odds that a sentence with these features shows the
    /// judgement. Decisions compare log-odds, which are computed exactly
    /// alike natively and in WebAssembly (sums of small integers, one
    /// multiply and one add); only the reported confidence takes an `exp`.
    pub fn logit(&self, buckets: &[u32]) -> f32 {
        let sum: i32 = buckets.iter().map(|&b| i32::from(self.weights[b as usize])).sum();
        self.bias + self.scale * sum as f32
    }
}

/// The probability of log-odds, to two decimals (so a last-bit difference
/// between platforms' `exp` cannot show).
pub(crate) fn probability(logit: f32) -> f64 {
    let p = 1.0 / (1.0 + (-f64::from(logit)).exp());
    (p * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_models_load() {
        let models = Models::builtin();
        for model in [&models.opinion, &models.voice] {
            assert!(model.surely_absent_below <= model.present_at);
            assert!(model.weights.iter().any(|&w| w != 0));
        }
    }

    #[test]
    fn a_damaged_file_is_refused_with_a_reason() {
        assert!(Model::read(b"CNCM", Detector::Opinion).unwrap_err().contains("ends"));
        assert!(Model::read(b"XXXX\x01\x0e\x00\x00", Detector::Opinion).unwrap_err().contains("version"));
        assert!(Model::read(OPINION, Detector::Voice).unwrap_err().contains("other detector"));
        let mut trailing = OPINION.to_vec();
        trailing.push(0);
        assert!(Model::read(&trailing, Detector::Opinion).is_err());
    }
}
