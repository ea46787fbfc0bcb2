use case_note_checker::{Checker, Context};
fn main() {
    let c = Checker::new();
    for text in std::env::args().skip(1) {
        let ctx = std::env::var("CTX").map_or_else(|_| Context::default(), |j| Context::from_json(&j).unwrap());
        let r = c.check(&text, &ctx);
        println!(
            "{text:?}\n  opinion {} {:.2} {:?}\n  voice {} {:.2} {:?}",
            r.opinion.present,
            r.opinion.confidence,
            r.opinion.cues.iter().map(|c| (c.cue.id(), c.text.clone())).collect::<Vec<_>>(),
            r.child_voice.present,
            r.child_voice.confidence,
            r.child_voice.cues.iter().map(|c| (c.cue.id(), c.text.clone())).collect::<Vec<_>>()
        );
    }
}
