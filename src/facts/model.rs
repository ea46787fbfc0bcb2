//! The sentence models: one logistic regression per judgement (opinion, the
//! child's voice) over a sentence's hashed features, trained on the labelled
//! corpus by `make model` and shipped as data (`data/model/*.bin`), read once
//! when a checker is built.
//!
//! The category model is a multinomial logistic regression over a note's
//! hashed features (see `deadline::category_features`), one weight per
//! category for each bucket.
//!
//! A sentence model's weight file is little-endian: `CNCM`, version 1, the hash bits, the
//! detector (0 opinion, 1 voice), a reserved byte; the bias, the weight scale,
//! the note-level log-odds ([`note_odds`]) at which the note shows it and those below
//! which the note surely lacks it (four `f32`); the number of non-zero
//! weights (`u32`); then each as its bucket (`u16`) and its quantised weight
//! (`i8`, times the scale).

use super::features::Detector;
use crate::ids::Category;

/// A trained model, ready to score sentences.
#[derive(Debug)]
pub(crate) struct Model {
    bias: f32,
    scale: f32,
    /// A note shows the judgement when its pooled odds ([`note_odds`])
    /// reach these log-odds; its sentences at or above [`evidence_floor`]
    /// of them are the evidence.
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
    pub category: CategoryModel,
}

const OPINION: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/model/opinion.bin"));
const VOICE: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/model/voice.bin"));
const CATEGORY: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/model/category.bin"));

impl Models {
    /// The shipped models.
    pub fn builtin() -> Models {
        Models {
            opinion: Model::read(OPINION, Detector::Opinion).expect("the shipped opinion model is well formed (tested)"),
            voice: Model::read(VOICE, Detector::Voice).expect("the shipped voice model is well formed (tested)"),
            category: CategoryModel::read(CATEGORY).expect("the shipped category model is well formed (tested)"),
        }
    }
}

/// A weight file being read: its header checked, then read by offset.
struct WeightFile<'a>(&'a [u8]);

impl<'a> WeightFile<'a> {
    /// The file, once its header says it is a version 1 file for these
    /// features' hash bits and for this detector.
    fn open(bytes: &'a [u8], detector: Detector) -> Result<WeightFile<'a>, String> {
        let file = WeightFile(bytes);
        if file.take(0, 4)? != b"CNCM" || file.take(4, 1)?[0] != 1 {
            return Err("not a version 1 weight file".into());
        }
        let bits = u32::from(file.take(5, 1)?[0]);
        if bits != super::features::BITS {
            return Err(format!("the weights are for {bits} hash bits, the features have {}", super::features::BITS));
        }
        let found = file.take(6, 1)?[0];
        if found != detector as u8 {
            return Err(format!("the weight file is for another detector ({found}, not {})", detector as u8));
        }
        Ok(file)
    }

    fn take(&self, at: usize, n: usize) -> Result<&'a [u8], String> {
        self.0.get(at..at + n).ok_or_else(|| format!("the weight file ends at byte {}", self.0.len()))
    }

    fn f32_at(&self, at: usize) -> Result<f32, String> {
        self.take(at, 4).map(|b| f32::from_le_bytes(b.try_into().expect("four bytes")))
    }
}

impl Model {
    /// A model from its weight file, or what is wrong with the file.
    pub fn read(bytes: &[u8], detector: Detector) -> Result<Model, String> {
        let file = WeightFile::open(bytes, detector)?;
        let (take, f32_at) = (|at, n| file.take(at, n), |at| file.f32_at(at));
        let bits = super::features::BITS;
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
    /// judgement: computed exactly alike natively and in WebAssembly (sums
    /// of small integers, one multiply and one add). A note's decision then
    /// takes an `exp` of its strongest few ([`note_odds`]), which may differ
    /// in the last bit between platforms' maths libraries: a decision could
    /// differ only for odds within about one part in 10^15 of a threshold.
    /// The golden reports are compared between the two builds.
    pub fn logit(&self, buckets: &[u32]) -> f32 {
        let sum: i32 = buckets.iter().map(|&b| i32::from(self.weights[b as usize])).sum();
        self.bias + self.scale * sum as f32
    }
}

/// How many categories the category model scores (`Category::ALL`, strictest first).
const CATEGORIES: usize = Category::COUNT;

/// The category model: for each bucket, one quantised weight per category.
///
/// Its weight file is little-endian: `CNCM`, version 1, the hash bits, 2 (the
/// category detector), a reserved byte; each category's bias (four `f32`, in
/// `Category::ALL` order) and the weight scale (`f32`); the number of buckets
/// with a weight (`u32`); then each as its bucket (`u16`) and its four
/// quantised weights (`i8`, times the scale).
#[derive(Debug)]
pub(crate) struct CategoryModel {
    biases: [f32; CATEGORIES],
    scale: f32,
    weights: Vec<[i8; CATEGORIES]>,
}

impl CategoryModel {
    /// A model from its weight file, or what is wrong with the file.
    pub fn read(bytes: &[u8]) -> Result<CategoryModel, String> {
        let file = WeightFile::open(bytes, Detector::Category)?;
        let (take, f32_at) = (|at, n| file.take(at, n), |at| file.f32_at(at));
        let bits = super::features::BITS;
        let mut biases = [0.0; CATEGORIES];
        for (i, bias) in biases.iter_mut().enumerate() {
            *bias = f32_at(8 + 4 * i)?;
        }
        let scale = f32_at(24)?;
        let count = u32::from_le_bytes(take(28, 4)?.try_into().expect("four bytes")) as usize;
        const ENTRY: usize = 2 + CATEGORIES;
        let mut weights = vec![[0i8; CATEGORIES]; 1 << bits];
        for i in 0..count {
            let entry = take(32 + ENTRY * i, ENTRY)?;
            let bucket = usize::from(u16::from_le_bytes([entry[0], entry[1]]));
            let slot = weights.get_mut(bucket).ok_or_else(|| format!("bucket {bucket} is out of range"))?;
            for (w, &b) in slot.iter_mut().zip(&entry[2..]) {
                *w = b as i8;
            }
        }
        if bytes.len() != 32 + ENTRY * count {
            return Err("the weight file has trailing bytes".into());
        }
        Ok(CategoryModel { biases, scale, weights })
    }

    /// The category with the highest log-odds for a note with these
    /// features (each bucket once); a tie goes to the stricter.
    pub fn category(&self, buckets: &[u32]) -> Category {
        let mut sums = [0i32; CATEGORIES];
        for &b in buckets {
            for (sum, &w) in sums.iter_mut().zip(&self.weights[b as usize]) {
                *sum += i32::from(w);
            }
        }
        let logit = |i: usize| self.biases[i] + self.scale * sums[i] as f32;
        let best = (1..CATEGORIES).fold(0, |best, i| if logit(i) > logit(best) { i } else { best });
        Category::ALL[best]
    }
}

/// How many of a note's strongest sentences its score pools.
pub(crate) const POOLED: usize = 3;

/// A note's odds from its sentences' log-odds: the summed odds of its
/// [`POOLED`] strongest sentences (a soft maximum; the trainer works with
/// their log, the same decision). Two sentences that each half show the
/// child's voice make a note that shows it more surely than either alone.
/// Measured leaving one writer out, with each threshold chosen on the other
/// writers (23 writers, 2,378 notes): the voice read 0.930 against 0.923 for
/// the strongest sentence alone, its recall 0.919 against 0.913; opinion
/// 0.960 against 0.958. Pooling all sentences did no better than three, and
/// a long note's many weak sentences then add up to a false "present".
/// Comparing odds, not their log, keeps a logarithm out of the module.
pub(crate) fn note_odds(logits: impl Iterator<Item = f32>) -> f64 {
    // Strongest first; a new value moves down past the weaker ones.
    let mut top = [f32::NEG_INFINITY; POOLED];
    for mut z in logits {
        for slot in &mut top {
            if z > *slot {
                std::mem::swap(slot, &mut z);
            }
        }
    }
    top.iter().map(|&z| f64::from(z).exp()).sum()
}

impl Model {
    /// True when a note with these pooled odds ([`note_odds`]) shows the judgement.
    pub fn shows(&self, odds: f64) -> bool {
        odds >= f64::from(self.present_at).exp()
    }

    /// True when a note with these pooled odds surely lacks it.
    pub fn surely_lacks(&self, odds: f64) -> bool {
        odds < f64::from(self.surely_absent_below).exp()
    }
}

/// The lowest log-odds at which a sentence of a note that shows the
/// judgement is evidence of it: with its pooled odds ([`note_odds`]) at or above those of
/// `present_at`, its strongest sentence is always at least this.
pub(crate) fn evidence_floor(present_at: f32) -> f32 {
    present_at - LN_POOLED
}

/// ln([`POOLED`]), written out: the module then needs no `f32` logarithm.
const LN_POOLED: f32 = 1.098_612_3;

/// How sure a judgement is, 0.5 to 1, to two decimals (so a last-bit
/// difference between platforms' `exp` cannot show): the probability the
/// note's pooled odds give once measured against the threshold, that is
/// the logistic of their log-odds less `present_at`, for "present", and one
/// minus it for "absent". A note just past the threshold either way is 0.5;
/// the raw probability would read under 0.5 for some notes judged present
/// (opinion's threshold is below even odds).
pub(crate) fn confidence(odds: f64, present_at: f32, present: bool) -> f64 {
    let against = f64::from(present_at).exp();
    let p = if odds.is_infinite() { 1.0 } else { odds / (odds + against) };
    let sure = if present { p } else { 1.0 - p };
    (sure * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_pools_its_three_strongest_sentences() {
        assert_eq!(note_odds([].into_iter()), 0.0);
        assert!((note_odds([0.5].into_iter()) - 0.5f64.exp()).abs() < 1e-12);
        // Three sentences at even odds make odds of three.
        assert!((note_odds([0.0, 0.0, 0.0].into_iter()) - 3.0).abs() < 1e-12);
        // Weaker sentences past the third add nothing, in any order.
        let strong = note_odds([2.0, -1.0, 1.0].into_iter());
        assert_eq!(note_odds([-5.0, 1.0, -9.0, 2.0, -1.0, -3.0].into_iter()), strong);
        assert_eq!(LN_POOLED, (POOLED as f32).ln());
        // The trainer chooses the thresholds on the same pooling.
        let trainer = include_str!("../../scripts/model/train.py");
        assert!(trainer.lines().any(|l| l == format!("POOLED = {POOLED}")), "scripts/model/train.py pools another number of sentences");
        // The floor is the lowest the strongest sentence of a note that
        // reaches the threshold can be: three sentences there just reach it.
        let model = Model { bias: 0.0, scale: 1.0, present_at: 1.2, surely_absent_below: -1.0, weights: vec![] };
        let floor = evidence_floor(model.present_at);
        assert!(model.shows(note_odds([floor + 1e-5; POOLED].into_iter())));
        assert!(!model.shows(note_odds([floor - 1e-5; POOLED].into_iter())));
        assert!(model.surely_lacks(note_odds([-1.1].into_iter())) && !model.surely_lacks(note_odds([-0.9].into_iter())));
        // Confidence is measured against the threshold: at it, 0.5 either
        // way; odds three times the threshold's, 0.75 present.
        let at = 1.2f64.exp();
        assert_eq!(confidence(at, 1.2, true), 0.5);
        assert_eq!(confidence(3.0 * at, 1.2, true), 0.75);
        assert_eq!(confidence(at / 3.0, 1.2, false), 0.75);
        assert_eq!(confidence(0.0, 1.2, false), 1.0);
        assert_eq!(confidence(f64::INFINITY, 1.2, true), 1.0);
    }

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
        assert!(CategoryModel::read(OPINION).unwrap_err().contains("another detector"));
        assert!(CategoryModel::read(&CATEGORY[..CATEGORY.len() - 1]).is_err());
    }

    #[test]
    fn the_category_model_scores_every_category() {
        let model = CategoryModel::read(CATEGORY).unwrap();
        for (i, _) in Category::ALL.iter().enumerate() {
            assert!(model.weights.iter().any(|w| w[i] != 0), "category {i} has weights");
        }
        // No features: the biases alone decide, and a tie goes to the stricter.
        let flat = CategoryModel { biases: [0.0; CATEGORIES], scale: 1.0, weights: vec![[0; CATEGORIES]; 4] };
        assert_eq!(flat.category(&[]), Category::HighRisk);
        let other = CategoryModel { biases: [0.0, 0.0, 0.0, 0.5], ..flat };
        assert_eq!(other.category(&[]), Category::Other);
    }
}
