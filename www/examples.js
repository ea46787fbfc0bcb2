// The trainer's library of example case notes. Every name, place and event is
// invented. Most come in pairs: a poor version, as notes are often written,
// and an improved version of the same record. Between them they show every
// standard of the policy and every recording-timescale category.
//
// Each example: id, title, version ("poor" | "improved" | null), pair (the id
// of the other version), shows (what a trainer can point out), text, and
// context (the form's fields: event type, event and recorded times, child,
// and equality fields). Which standards each note brings up is worked out by
// the checker itself, for the policy in use.

const paragraphs = (...ps) => ps.join('\n\n');

export const EXAMPLES = [
  {
    id: 'tyler-poor',
    title: 'Home visit to Tyler',
    version: 'poor',
    pair: 'tyler-improved',
    shows: 'Acronyms, “presented as”, blaming labels and vague words; no professional opinion; no child’s voice; a statutory visit recorded a week late.',
    text: paragraphs(
      'SW completed SV to Tyler at home. Mum presented as hostile and non-compliant and refused to engage with the CP plan. Tyler presented as settled and appropriate. Home conditions were fine, no concerns. Contact with dad at the FC remains inconsistent. LAC review and core group to be arranged. IRO and HV updated. SW to visit again in 2 weeks.',
    ),
    context: { event: 'statutory_visit', event_at: '2026-11-20T10:00', recorded_at: '2026-11-27T09:00', child: { name: 'Tyler Evans', age_years: 6 } },
  },
  {
    id: 'tyler-improved',
    title: 'Home visit to Tyler',
    version: 'improved',
    pair: 'tyler-poor',
    shows: 'What happened in plain words, Tyler seen alone and quoted, the worker’s assessment of need and risk with its evidence, recorded the next day.',
    text: paragraphs(
      'Home visit to Tyler (6)',
      'I visited Tyler and his mum, Kelly, at home at 10am. This was a planned visit as part of Tyler’s child protection plan.',
      'Kelly was angry when I arrived. She said, “You lot only ever come to find fault,” and told me she will not go to the parenting course because she cannot get there without childcare for the baby. I said I would ask the family support team about a crèche.',
      'I saw Tyler alone in his bedroom for 20 minutes. He showed me his Lego and told me, “I like it when Dad comes on Saturdays but he didn’t come last time.” He said he feels sad when Mum and Dad shout. There was food in the fridge and cupboards, and Tyler’s bed had clean sheets.',
      'Tyler sees his dad every Saturday at the family centre, with a worker there. Dad missed two of the last four Saturdays.',
      'In my view Tyler’s day-to-day care is good enough, because the home was warm and clean and he had eaten breakfast. I am worried about the effect on Tyler of his dad missing Saturdays, because he told me he was sad and his teacher says he is upset on Mondays. I will talk to Dad about this by 27 November, and Tyler’s review meeting will be on 4 December.',
    ),
    context: { event: 'statutory_visit', event_at: '2026-11-20T10:00', recorded_at: '2026-11-21T16:00', child: { name: 'Tyler Evans', age_years: 6 } },
  },
  {
    id: 'maisie-poor',
    title: 'Strategy discussion about Maisie',
    version: 'poor',
    pair: 'maisie-improved',
    shows: 'A decision with no one named as making it and no reason; information shared with no consent or reason recorded; labels; recorded after the 24-hour timescale.',
    text: paragraphs(
      'Strat disc held re Maisie (7) after school raised concerns. Present: SW, DS Khan (police), school nurse. It was decided to progress to S47 enquiries. Info shared with GP and HV. Mum was non-compliant when informed and kicked off. Maisie to be seen at school tomorrow. NFA re sibling.',
    ),
    context: { event: 's47_strategy_significant', event_at: '2026-11-24T14:00', recorded_at: '2026-11-26T09:30', child: { name: 'Maisie Clarke', age_years: 7 } },
  },
  {
    id: 'maisie-improved',
    title: 'Strategy discussion about Maisie',
    version: 'improved',
    pair: 'maisie-poor',
    shows: 'Who decided, what and why; consent and the reason for sharing; Maisie’s own words; Mum’s disagreement and how it will be resolved; recorded the same day.',
    text: paragraphs(
      'Phone meeting with the police and health about Maisie Clarke (7)',
      'The meeting was held by phone at 2pm and chaired by my team manager, Sarah Ahmed. DS Imran Khan (police) and Jo Price (school nurse) took part.',
      'It followed Maisie telling her teacher this morning, “Dad smacks me with his belt when I’m naughty.”',
      'Sarah Ahmed decided that we will make child protection enquiries (section 47) because what Maisie said, if true, means she may be at risk of serious harm.',
      'With Mum’s consent I shared the outcome with Maisie’s GP and health visitor so that they can look out for Maisie and her brother. Mum was upset and shouted when I told her; she said she does not agree that Dad hurts Maisie. I explained how she can give her view at the conference, and we will talk again at my visit on 26 November.',
      'DS Khan and I will see Maisie at school tomorrow. Sarah Ahmed decided that no further action is needed for Maisie’s brother, Leo (14), because he told us he has never been hit and his school has no worries about him.',
      'In my view Maisie may be at risk of physical harm, because she described being hit with a belt more than once. I will see her alone tomorrow.',
    ),
    context: { event: 's47_strategy_significant', event_at: '2026-11-24T14:00', recorded_at: '2026-11-24T18:00', child: { name: 'Maisie Clarke', age_years: 7 } },
  },
  {
    id: 'ellie-poor',
    title: 'Ellie missing from her foster home',
    version: 'poor',
    pair: 'ellie-improved',
    shows: 'Victim-blaming language about a child at risk of exploitation (an error), labels and acronyms; a high-risk event recorded the next day.',
    text: paragraphs(
      'Ellie (14) went missing from placement last night. Police informed. Ellie returned at 2am, presented as intoxicated. She is putting herself at risk and making poor choices. Carers report her behaviour is attention seeking. RHI to be completed.',
    ),
    context: { event: 'high_risk', event_at: '2026-11-24T09:30', recorded_at: '2026-11-25T11:00', child: { name: 'Ellie Morgan', age_years: 14 } },
  },
  {
    id: 'ellie-improved',
    title: 'Ellie missing from her foster home',
    version: 'improved',
    pair: 'ellie-poor',
    shows: 'What happened and who was responsible, Ellie’s own words, the worker’s view of the risk of exploitation, recorded the same day.',
    text: paragraphs(
      'Ellie (14) missing from her foster home',
      'At 9:30am her foster carer, Mrs Patel, rang to tell me Ellie had been missing since 8pm last night. Mrs Patel had reported her missing to the police at 10pm. The police brought Ellie home at 2am. Mrs Patel said Ellie smelled of alcohol and was sick.',
      'I visited at 1pm and saw Ellie alone in her room. She told me, “I was with some older lads from the park, they gave me vodka.” She did not want to say who they were. She said she wants to keep living with Mrs Patel.',
      'I am worried that Ellie may be being exploited by older young men, because she was given alcohol, came home in the early hours and would not say who she was with. I have asked for a return home interview within 72 hours and will talk about Ellie at Thursday’s exploitation meeting.',
    ),
    context: { event: 'high_risk', event_at: '2026-11-24T09:30', recorded_at: '2026-11-24T17:45', child: { name: 'Ellie Morgan', age_years: 14 } },
  },
  {
    id: 'noah-poor',
    title: 'Meeting to review Noah’s plan',
    version: 'poor',
    pair: 'noah-improved',
    shows: 'A plan “given” without saying to whom or when, a disagreement left with no way forward, jargon; “other” recording due in 5 working days, with Christmas and New Year skipped, and missed.',
    text: paragraphs(
      'Core group held. CIN plan reviewed. Copy of plan given. Dad disagreed with the contact arrangements. Parents to continue to engage with services. Next meeting 6 weeks.',
    ),
    context: { event: 'other', event_at: '2026-12-23T10:00', recorded_at: '2027-01-06T09:00', child: { name: 'Noah Wilson', age_years: 8 } },
  },
  {
    id: 'noah-improved',
    title: 'Meeting to review Noah’s plan',
    version: 'improved',
    pair: 'noah-poor',
    shows: 'Who was given the plan and when, Dad’s disagreement and how he can take it forward, Noah’s wishes passed on in his words; recorded within 5 working days (the bank holidays do not count).',
    text: paragraphs(
      'Meeting to review Noah’s child in need plan',
      'The meeting was held at the family hub on 23 December. Noah’s mum and dad, his teacher Mrs Green and I were there. Noah (8) did not come because it was during school, but when we spoke on the phone on 21 December he asked me to tell the meeting, “I want to see Dad more, not just Saturdays.”',
      'We went through the plan together. I gave Mum and Dad a copy of the updated plan at the meeting.',
      'Dad disagreed with seeing Noah only on Saturdays with a worker there; he wants to have him overnight. I explained that he can raise this at Noah’s review on 20 January, and we will discuss it then.',
      'In my view Noah’s needs are being met at home, because his school attendance has risen to 96% and he told me he feels happier. The next meeting is on 3 February.',
    ),
    context: { event: 'other', event_at: '2026-12-23T10:00', recorded_at: '2027-01-04T15:00', child: { name: 'Noah Wilson', age_years: 8 } },
  },
  {
    id: 'kacper-poor',
    title: 'Home visit to Kacper, whose mum speaks Polish',
    version: 'poor',
    pair: 'kacper-improved',
    shows: 'A language need recorded without the support used, and the form’s language field left empty; vague words; no child’s voice or opinion.',
    text: paragraphs(
      'Visited Kacper (9) and mum at home. Mum’s first language is Polish. Discussed the plan with mum and she agreed to it. Kacper was quiet. No concerns.',
    ),
    context: { event: 'statutory_visit', event_at: '2026-11-30T16:00', recorded_at: '2026-12-01T09:00', child: { name: 'Kacper Nowak', age_years: 9 }, equality: { language: '' } },
  },
  {
    id: 'kacper-improved',
    title: 'Home visit to Kacper, whose mum speaks Polish',
    version: 'improved',
    pair: 'kacper-poor',
    shows: 'The interpreter used and how understanding was checked, the form’s language field filled in, Kacper’s words and worries, the worker’s assessment.',
    text: paragraphs(
      'Home visit to Kacper (9)',
      'I visited Kacper and his mum, Agnieszka, at home at 4pm. Mum’s first language is Polish, so a Polish interpreter joined us in person for the whole visit. I checked that Mum understood the plan by asking her to tell me in her own words what will happen next.',
      'Kacper chose to speak to me in English. I saw him alone in the living room. He told me, “I like my new school but I miss my friends in Poland.” He said he is worried about Mum because she cries at night.',
      'Mum and I went through the plan. She agreed to see her GP about her low mood and asked for help finding a counsellor who speaks Polish.',
      'My assessment is that Kacper is settling well at school but is carrying worry about his mum, because he described her crying and his teacher says he is tired in the mornings. I will ask the young carers service to meet Kacper, and I will visit again on 14 December.',
    ),
    context: { event: 'statutory_visit', event_at: '2026-11-30T16:00', recorded_at: '2026-12-01T09:00', child: { name: 'Kacper Nowak', age_years: 9 }, equality: { language: 'Polish (mum); interpreter used' } },
  },
  {
    id: 'ruby-baby',
    title: 'Visit to Ruby, aged 4 months',
    version: null,
    pair: null,
    shows: 'The child’s voice for a baby: what the worker saw of Ruby’s day, her care and her bond with her mum.',
    text: paragraphs(
      'Visit to Ruby (4 months) at home',
      'I visited Ruby and her mum, Chloe, at 11am as part of the child in need plan. Ruby was awake for most of the visit. She spent most of it on a playmat in the living room, kicking her legs and reaching for a rattle. When Chloe picked her up, Ruby smiled at her and babbled, and stopped crying when Chloe fed her. I saw Ruby’s cot in Chloe’s bedroom: she sleeps on her back with no pillows or bumpers.',
      'Chloe told me she is tired because Ruby wakes twice a night, and that her sister helps in the mornings. The health visitor weighed Ruby last week and she is following her growth line.',
      'My assessment is that Ruby’s basic care needs are being met and she has a warm bond with her mum, because she looks to Chloe for comfort and is calmed by her. I am worried that Chloe’s tiredness could affect how safely she cares for Ruby at night, so I will ask the health visitor to talk with Chloe about support and will visit again on 2 December.',
    ),
    context: { event: 'statutory_visit', event_at: '2026-11-25T11:00', recorded_at: '2026-11-25T15:30', child: { name: 'Ruby Clarke', age_years: 0.3 } },
  },
  {
    id: 'amira-good',
    title: 'Home visit to Amira, with an Arabic interpreter',
    version: null,
    pair: null,
    shows: 'A note that meets the standards: Amira’s own words, an interpreter for her dad, what changed since the last visit and the worker’s analysis.',
    text: paragraphs(
      'Home visit to Amira (10)',
      'I visited Amira and her dad, Yusuf, at home after school at 4pm. Dad’s first language is Arabic; an Arabic interpreter joined by phone for my conversation with him, and Amira chose to speak to me in English.',
      'Amira showed me her bedroom and the drawing she had made of her family, with her nan in the middle. She told me, “I like it when Nan picks me up because we go to the park.” When I asked what worries her, she said she gets scared when her dad and his partner argue at night and she cannot sleep. She said she would like her dad to know this.',
      'Dad told me he and his partner are now going to the relationship course at the family hub on Thursdays, and he showed me the letter confirming the next session.',
      'In my view the risk of emotional harm to Amira has reduced since the course started, because she described fewer arguments than at my last visit and her school says she is no longer falling asleep in class. I am still worried that arguments at night are affecting her sleep, so I will talk to Dad and his partner together about this on my next visit on 9 December.',
    ),
    context: { event: 'statutory_visit', event_at: '2026-11-23T16:00', recorded_at: '2026-11-24T10:00', child: { name: 'Amira Haddad', age_years: 10 }, equality: { language: 'Arabic (dad); interpreter used' } },
  },
];

/** The example the page opens with, and the one it is paired with. */
export const FIRST_EXAMPLE = 'tyler-poor';
