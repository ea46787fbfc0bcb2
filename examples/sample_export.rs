//! Writes a fictional case-system export for the manager's audit: notes built
//! from templates, of varied quality, by several teams and workers, over a
//! year, as CSV with the column names a case system uses.
//!
//! ```text
//! cargo run --release --example sample_export                       # examples/sample-export.csv (2,400 notes)
//! cargo run --release --example sample_export -- --notes 1300000 --out /tmp/big.csv   # about 1 GB
//! ```
//!
//! The same seed always gives the same file. Every name, id and event is
//! made up. A few rows are faulty on purpose, as real exports are: a note
//! recorded "before" its event (a mistyped date) and an empty note body.

use std::io::Write;

/// splitmix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (self.next() >> 11) as f64 / (1u64 << 53) as f64 * (hi - lo)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TEAMS: [&str; 6] = [
    "Malvern Family Support",
    "Redditch Safeguarding",
    "Worcester Children in Care",
    "Wyre Forest Assessment",
    "Bromsgrove Child Protection",
    "Pershore Early Help",
];

const WORKERS: [&str; 32] = [
    "Aisha Rahman",
    "Ben Carter",
    "Chloe Evans",
    "Daniel Okafor",
    "Emma Lewis",
    "Farah Hussain",
    "George Price",
    "Hannah Clarke",
    "Imran Ali",
    "Jess Turner",
    "Kieran Walsh",
    "Laura Bennett",
    "Mohammed Iqbal",
    "Naomi Brooks",
    "Oliver Grant",
    "Priya Patel",
    "Rachel Hughes",
    "Sam Doyle",
    "Tom Fletcher",
    "Uma Sharma",
    "Victoria Reid",
    "Will Morgan",
    "Yasmin Begum",
    "Zoe Parker",
    "Adam Kowalski",
    "Bethany Wood",
    "Callum Reeves",
    "Dana Mitchell",
    "Ellie Shaw",
    "Faisal Khan",
    "Grace Holloway",
    "Harry Dunn",
];

const CHILDREN: [(&str, &str, u32); 40] = [
    ("Jayden", "he", 9),
    ("Leah", "she", 11),
    ("Kacper", "he", 8),
    ("Mia-Rose", "she", 0),
    ("Tyler", "he", 14),
    ("Amira", "she", 6),
    ("Ollie", "he", 4),
    ("Skye", "she", 15),
    ("Reggie", "he", 2),
    ("Poppy", "she", 10),
    ("Zain", "he", 12),
    ("Ruby", "she", 7),
    ("Kai", "he", 16),
    ("Lily", "she", 3),
    ("Harvey", "he", 13),
    ("Ava", "she", 5),
    ("Mason", "he", 10),
    ("Isla", "she", 1),
    ("Ibrahim", "he", 7),
    ("Sienna", "she", 14),
    ("Charlie", "he", 6),
    ("Evie", "she", 9),
    ("Logan", "he", 15),
    ("Freya", "she", 12),
    ("Alfie", "he", 8),
    ("Maisie", "she", 4),
    ("Tomasz", "he", 11),
    ("Hafsa", "she", 13),
    ("Finley", "he", 3),
    ("Nevaeh", "she", 8),
    ("Jake", "he", 17),
    ("Grace", "she", 6),
    ("Ethan", "he", 5),
    ("Layla", "she", 10),
    ("Dylan", "he", 12),
    ("Summer", "she", 16),
    ("Riley", "he", 9),
    ("Esme", "she", 2),
    ("Leo", "he", 7),
    ("Hollie", "she", 11),
];

const CARERS: [&str; 10] = ["mum", "dad", "nan", "the foster carer", "grandad", "mum's partner", "the kinship carer", "auntie", "mum", "dad"];

/// How a worker tends to write (probabilities per note), nudged by team.
struct Habits {
    opinion: f64,
    voice: f64,
    equality: f64,
    jargon: f64,
    stigma: f64,
    late: f64,
    vague: f64,
    loose: f64,
}

fn habits(rng: &mut Rng, team: usize) -> Habits {
    let t = [0.05, -0.1, 0.1, 0.0, -0.05, 0.08][team];
    Habits {
        opinion: (rng.uniform(0.45, 0.95) + t).clamp(0.1, 0.98),
        voice: (rng.uniform(0.35, 0.9) + t).clamp(0.1, 0.98),
        equality: (rng.uniform(0.1, 0.6) + t).clamp(0.05, 0.9),
        jargon: rng.uniform(0.15, 0.85) - t,
        stigma: rng.uniform(0.0, 0.14),
        late: (rng.uniform(0.05, 0.4) - t).clamp(0.02, 0.6),
        vague: rng.uniform(0.1, 0.6),
        loose: rng.uniform(0.05, 0.35),
    }
}

struct Note<'a> {
    child: &'a str,
    he: &'a str,
    his: &'a str,
    age: u32,
    carer: &'a str,
}

fn fill(template: &str, n: &Note<'_>) -> String {
    let cap = |s: &str| {
        let mut c = s.chars();
        c.next().map_or_else(String::new, |f| f.to_uppercase().collect::<String>() + c.as_str())
    };
    template
        .replace("{child}", n.child)
        .replace("{He}", &cap(n.he))
        .replace("{he}", n.he)
        .replace("{His}", &cap(n.his))
        .replace("{his}", n.his)
        .replace("{age}", &n.age.to_string())
        .replace("{Carer}", &cap(n.carer))
        .replace("{carer}", n.carer)
}

fn body(rng: &mut Rng, kind: &str, h: &Habits, month: u32, n: &Note<'_>) -> String {
    // Quality improves through the year (training in the spring).
    let lift = f64::from(month.saturating_sub(1)) * 0.012;
    let jargon = rng.chance(h.jargon);
    let mut parts: Vec<String> = Vec::new();
    let visit = kind == "Statutory Visit";
    let opening: &[&str] = match (kind, jargon) {
        ("Statutory Visit", true) => &[
            "SW visited {child} at placement.",
            "Statutory visit to {child} ({age}) at home. LAC review is booked for next month.",
            "CIN visit to {child} ({age}) and {carer} at the family home.",
        ],
        ("Statutory Visit", false) => &[
            "I visited {child} ({age}) and {carer} at home after school.",
            "I visited {child} ({age}) at {his} foster home, as agreed at {his} review.",
            "Visit to {child} ({age}) and {carer} at the family home, arranged with {carer} last week.",
        ],
        ("Strategy Discussion", true) => &[
            "Strategy discussion held with police, health and school re: bruising to {child}'s arm. S47 agreed.",
            "Strategy meeting with DS Harper and the school DSL about {child}. ICPC to be convened.",
        ],
        ("Strategy Discussion", _) => &[
            "Strategy discussion with police, the school nurse and {child}'s head teacher about the bruise on {his} arm that {he} showed {his} teacher.",
            "Strategy discussion with police and health after {child} told a teaching assistant that {carer} had hit {his} brother.",
        ],
        ("Phone Call", true) => &["Phone call with {carer} re: contact arrangements. Contact with dad remains supervised at the contact centre."],
        ("Phone Call", _) => &["Phone call with {carer} about when {child} will next see {his} dad, which will be at the family centre on Saturday."],
        (_, true) => &["Email from the IRO about {child}'s LAC review and the PEP.", "Update from school re: {child}'s attendance. TAF meeting arranged."],
        _ => &[
            "Email from {child}'s head of year about {his} attendance, which is 91% this term.",
            "Update from the school nurse: {child}'s health check is done and {his} jabs are up to date.",
        ],
    };
    parts.push(fill(rng.pick(opening), n));
    let facts: &[&str] = if jargon {
        &[
            "{child} presented as happy and settled.",
            "{Carer} reports {child} is eating and sleeping well. Home conditions were appropriate.",
            "Placement is stable and {child} is engaging well with the plan.",
            "Contact with mum continues weekly and is going well.",
        ]
    } else {
        &[
            "{child} was chatty and smiled a lot; {he} showed me {his} new trainers.",
            "{Carer} told me {child} has been going to bed at eight and sleeping through.",
            "The kitchen had food in the cupboards and the fridge, and {child}'s room had clean bedding.",
            "{child} sees {his} mum every Wednesday at the family centre, and {carer} says {he} comes back calm.",
        ]
    };
    parts.push(fill(rng.pick(facts), n));
    if rng.chance(0.5) {
        parts.push(fill(rng.pick(facts), n));
    }
    if visit && rng.chance(0.7) {
        parts.push(fill(rng.pick(&["I saw {child} on {his} own in {his} bedroom for about 20 minutes.", "I spoke with {child} alone in the garden."]), n));
    }
    if rng.chance((h.voice + lift).min(0.97)) {
        let voice: &[&str] = if n.age < 2 {
            &["{child} was sitting on {carer}'s lap, babbling and reaching for the keys; {carer} talked back to {child} warmly and {he} settled quickly."]
        } else {
            &[
                "{child} told me, \"I like it here because {carer} makes pancakes on Sundays.\"",
                "When I asked {child} about school, {he} said {he} has a new best friend and wants to join the football club.",
                "{child} said {he} wants to see {his} dad more often, \"but not if it makes mum sad\".",
                "{child} told me {he} feels safe at home now and put {his} worries at 3 out of 10.",
            ]
        };
        parts.push(fill(rng.pick(voice), n));
    }
    if rng.chance(h.equality + lift) {
        let equality = [
            "The family speak Polish at home, so a Polish interpreter joined the visit by phone.",
            "{child} is Muslim and was fasting for Ramadan; we met after iftar.",
            "{child} has autism and uses a visual timetable, which {carer} showed me.",
            "{Carer} is deaf and a British Sign Language interpreter was there for the whole visit.",
            "{child} is of Black Caribbean heritage and {carer} takes {him} to a Saturday club where {he} meets other children of the same heritage.",
        ];
        parts.push(fill(&rng.pick(&equality).replace("{him}", if n.he == "he" { "him" } else { "her" }), n));
    }
    if rng.chance(h.stigma) {
        let labels = [
            "Mum was non-compliant with the plan.",
            "Dad was aggressive on the phone.",
            "{child} kicked off when it was time to leave.",
            "{Carer} was hostile throughout.",
        ];
        parts.push(fill(rng.pick(&labels), n));
    }
    if rng.chance(h.vague) {
        parts.push(rng.pick(&["No concerns.", "No concerns noted at this time.", "Everything appropriate."]).to_owned());
    }
    // Records of what was done: loosely (flagged) or fully.
    if rng.chance(h.loose) {
        let loose = [
            "Copy of the plan given.",
            "Information shared with school.",
            "It was decided that the case will step down to early help.",
            "Dad disagreed with the plan to reduce family time.",
            "Mum is lying about where she was.",
            "Mum's first language is Polish. We discussed the plan.",
        ];
        parts.push(rng.pick(&loose).to_owned());
    } else if rng.chance(0.3) {
        let full = [
            "I gave {carer} a copy of the plan on Tuesday and went through it with {carer}.",
            "With {carer}'s consent I shared the safety plan with school so that staff know who may collect {child}.",
            "My team manager, Jo Lee, decided the case will step down to early help because the risks in the plan have reduced for three months.",
        ];
        parts.push(fill(rng.pick(&full), n));
    }
    if rng.chance((h.opinion + lift).min(0.97)) {
        let opinion = [
            "In my professional opinion, {child}'s needs are being met at home and the risk of neglect has reduced since the last review, because {carer} is getting {him} to school every day.",
            "My assessment is that {child} is safe with {carer} tonight, because the person who hurt {him} has left and {carer} has agreed not to let him in.",
            "I am worried that {child} is not getting the help {he} needs with {his} speech; I think a referral to speech and language therapy is needed.",
            "In my view the risk of emotional harm to {child} remains high because of the arguments at home, and a child protection plan is still needed.",
        ];
        parts.push(fill(&rng.pick(&opinion).replace("{him}", if n.he == "he" { "him" } else { "her" }), n));
    }
    let plans: &[&str] = if jargon {
        &["SW to visit again in 6 weeks.", "Next CG meeting on 14/12."]
    } else {
        &["I will visit again in four weeks.", "I will ring {carer} on Friday to check how the first weekend went."]
    };
    parts.push(fill(rng.pick(plans), n));
    let paragraphs = 1 + rng.below(3);
    let per = parts.len().div_ceil(paragraphs);
    parts.chunks(per).map(|c| c.join(" ")).collect::<Vec<_>>().join("\n\n")
}

fn days_in_month(month: u32) -> u32 {
    [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(month - 1) as usize]
}

/// 2026 dates: (month, day) → day of the week, 0 = Monday (1 January 2026 is a Thursday).
fn weekday(month: u32, day: u32) -> u32 {
    let before: u32 = (1..month).map(days_in_month).sum();
    (before + day - 1 + 3) % 7
}

fn add_minutes(mut t: (u32, u32, u32, u32), minutes: u32) -> (u32, u32, u32, u32) {
    // (month, day, hour, minute) in 2026, spilling into 2027 as January of "month 13".
    let total = t.2 * 60 + t.3 + minutes;
    t.2 = total / 60 % 24;
    t.3 = total % 60;
    let mut days = total / (24 * 60);
    while days > 0 {
        t.1 += 1;
        if t.1 > days_in_month((t.0 - 1) % 12 + 1) {
            t.1 = 1;
            t.0 += 1;
        }
        days -= 1;
    }
    t
}

fn stamp(t: (u32, u32, u32, u32), seconds: Option<u32>) -> String {
    let (year, month) = if t.0 > 12 { (2027, t.0 - 12) } else { (2026, t.0) };
    match seconds {
        Some(s) => format!("{:02}/{:02}/{year} {:02}:{:02}:{s:02}", t.1, month, t.2, t.3),
        None => format!("{:02}/{:02}/{year} {:02}:{:02}", t.1, month, t.2, t.3),
    }
}

fn main() {
    let mut notes = 2400usize;
    let mut out = String::from("examples/sample-export.csv");
    let mut seed = 20_261_123u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--notes" => notes = args.next().and_then(|n| n.parse().ok()).expect("--notes N"),
            "--out" => out = args.next().expect("--out FILE"),
            "--seed" => seed = args.next().and_then(|n| n.parse().ok()).expect("--seed N"),
            other => panic!("unknown argument {other}: expected --notes N, --out FILE, --seed N"),
        }
    }
    let mut rng = Rng(seed);
    let workers: Vec<(usize, &str, Habits)> = WORKERS
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let team = i % TEAMS.len();
            (team, *w, habits(&mut rng, team))
        })
        .collect();
    let file = std::fs::File::create(&out).unwrap_or_else(|e| panic!("{out}: {e}"));
    let mut w = csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 20, file));
    w.write_record(["CaseNoteID", "PersonID", "TeamName", "CreatedBy", "NoteType", "EventDateTime", "CreatedDateTime", "NoteBody"]).unwrap();
    for i in 0..notes {
        let (team, worker, h) = &workers[rng.below(workers.len())];
        let (child, he, age) = CHILDREN[rng.below(CHILDREN.len())];
        let n = Note { child, he, his: if he == "he" { "his" } else { "her" }, age, carer: rng.pick(&CARERS) };
        let kind = match rng.below(20) {
            0..=10 => "Statutory Visit",
            11..=12 => "Strategy Discussion",
            13..=15 => "Phone Call",
            _ => "Case Note",
        };
        let month = 1 + rng.below(12) as u32;
        let mut day = 1 + rng.below(days_in_month(month) as usize) as u32;
        while weekday(month, day) >= 5 {
            day = day % days_in_month(month) + 1;
        }
        let event = (month, day, 9 + rng.below(8) as u32, [0, 15, 30, 45][rng.below(4)]);
        // Most notes the same day or the next; a worker who falls behind takes days.
        let delay = if rng.chance(h.late) { 24 * 60 * (2 + rng.below(9) as u32) + rng.below(600) as u32 } else { 30 + rng.below(20 * 60) as u32 };
        let mut created = add_minutes(event, delay);
        let mut text = body(&mut rng, kind, h, month, &n);
        // Faults, as real exports have them.
        if i % 487 == 300 {
            created = (event.0, event.1.saturating_sub(1).max(1), 8, 0);
            if created.1 == event.1 {
                created.2 = 0;
            }
        }
        if i % 997 == 500 {
            text.clear();
        }
        let person = format!("P-{}", 20_400 + (child.len() as u32 * 97 + age * 13) % 900);
        w.write_record([
            format!("CN-{}", 104_000 + i),
            person,
            TEAMS[*team].to_owned(),
            (*worker).to_owned(),
            kind.to_owned(),
            stamp(event, None),
            stamp(created, Some(rng.below(60) as u32)),
            text,
        ])
        .unwrap();
    }
    let mut inner = w.into_inner().unwrap_or_else(|_| panic!("{out}: write failed"));
    inner.flush().unwrap();
    eprintln!("wrote {notes} notes to {out}");
}
