// Fictional example notes for the "Load example" menu. Every name, place
// and event is invented.

const paragraphs = (...ps) => ps.join("\n\n");

export const EXAMPLES = [
  {
    id: "poor",
    label: "Poor note: jargon, labels, no child’s voice",
    text: paragraphs(
      "SW completed SV to Tyler at home. Mum presented as hostile and non-compliant and refused to engage with the CP plan. Tyler presented as settled and appropriate. Home conditions were fine, no concerns. Contact with dad at the FC remains inconsistent. LAC review and core group to be arranged. IRO and HV updated. SW to visit again in 2 weeks.",
    ),
    context: { event: "statutory_visit", event_at: "2026-11-20T10:00", recorded_at: "2026-11-27T09:00", child: { name: "Tyler Evans", age_years: 6 } },
  },
  {
    id: "good",
    label: "Good note: opinion, child’s own words, interpreter",
    text: paragraphs(
      "Home visit to Amira (10)",
      "I visited Amira and her dad, Yusuf, at home after school at 4pm. Dad's first language is Arabic; an Arabic interpreter joined by phone for my conversation with him, and Amira chose to speak to me in English.",
      "Amira showed me her bedroom and the drawing she had made of her family, with her nan in the middle. She told me, \"I like it when Nan picks me up because we go to the park.\" When I asked what worries her, she said she gets scared when her dad and his partner argue at night and she cannot sleep. She said she would like her dad to know this.",
      "Dad told me he and his partner are now going to the relationship course at the family hub on Thursdays, and he showed me the letter confirming the next session.",
      "In my view the risk of emotional harm to Amira has reduced since the course started, because she described fewer arguments than at my last visit and her school says she is no longer falling asleep in class. I am still worried that arguments at night are affecting her sleep, so I will talk to dad and his partner together about this on my next visit on 9 December.",
    ),
    context: { event: "statutory_visit", event_at: "2026-11-23T16:00", recorded_at: "2026-11-24T10:00", child: { name: "Amira Haddad", age_years: 10 } },
  },
  {
    id: "baby",
    label: "Baby visit: what the worker saw",
    text: paragraphs(
      "Visit to Ruby (4 months) at home",
      "I visited Ruby and her mum, Chloe, at 11am as part of the child in need plan. Ruby was awake for most of the visit. She spent most of it on a playmat in the living room, kicking her legs and reaching for a rattle. When Chloe picked her up, Ruby smiled at her and babbled, and stopped crying when Chloe fed her. I saw Ruby's cot in Chloe's bedroom: she sleeps on her back with no pillows or bumpers.",
      "Chloe told me she is tired because Ruby wakes twice a night, and that her sister helps in the mornings. The health visitor weighed Ruby last week and she is following her growth line.",
      "My assessment is that Ruby's basic care needs are being met and she has a warm bond with her mum, because she looks to Chloe for comfort and is calmed by her. I am worried that Chloe's tiredness could affect how safely she cares for Ruby at night, so I will ask the health visitor to talk with Chloe about support and will visit again on 2 December.",
    ),
    context: { event: "statutory_visit", event_at: "2026-11-25T11:00", recorded_at: "2026-11-25T15:30", child: { name: "Ruby Clarke", age_years: 0.3 } },
  },
];
