//! Which column holds what (`--map FIELD=COLUMN`) and what the export's event
//! types mean (`--event-map VALUE=CATEGORY`), checked against each input's
//! header before any note is read, so a misspelt column stops the run at
//! once with the columns there are.

use case_note_checker::{Category, EqualityArea};

/// A field the audit reads from a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The note's id, listed in the report.
    Id,
    /// The note.
    Text,
    /// The form's event type (see `EventMap`).
    Event,
    /// When the event happened.
    EventAt,
    /// When the note was recorded.
    RecordedAt,
    /// The worker's team.
    Team,
    /// The worker (read only with `--by-worker`).
    Worker,
    /// The child's name (helps the checker tell the child's words; never reported).
    ChildName,
    /// The child's age in years.
    ChildAge,
    /// A structured equality field of the form.
    Equality(EqualityArea),
}

/// The fields, as `--map` names them.
pub const FIELD_NAMES: &str = "id, text, event, event_at, recorded_at, team, worker, child_name, child_age, equality.AREA";

impl Field {
    fn parse(name: &str) -> Option<Field> {
        Some(match name {
            "id" => Field::Id,
            "text" => Field::Text,
            "event" => Field::Event,
            "event_at" => Field::EventAt,
            "recorded_at" => Field::RecordedAt,
            "team" => Field::Team,
            "worker" => Field::Worker,
            "child_name" => Field::ChildName,
            "child_age" => Field::ChildAge,
            _ => Field::Equality(EqualityArea::from_id(name.strip_prefix("equality.")?)?),
        })
    }

    /// The name `--map` uses.
    pub fn name(self) -> String {
        match self {
            Field::Id => "id".into(),
            Field::Text => "text".into(),
            Field::Event => "event".into(),
            Field::EventAt => "event_at".into(),
            Field::RecordedAt => "recorded_at".into(),
            Field::Team => "team".into(),
            Field::Worker => "worker".into(),
            Field::ChildName => "child_name".into(),
            Field::ChildAge => "child_age".into(),
            Field::Equality(area) => format!("equality.{}", area.id()),
        }
    }

    /// Every field, in the order a mapping is shown.
    fn all() -> impl Iterator<Item = Field> {
        [Field::Id, Field::Text, Field::Event, Field::EventAt, Field::RecordedAt, Field::Team, Field::Worker, Field::ChildName, Field::ChildAge]
            .into_iter()
            .chain(EqualityArea::ALL.iter().map(|&a| Field::Equality(a)))
    }
}

/// `--map` as given.
#[derive(Clone, Debug, Default)]
pub struct Mapping {
    given: Vec<(Field, String)>,
}

impl Mapping {
    /// Reads `FIELD=COLUMN` items.
    pub fn parse(items: &[String]) -> Result<Mapping, String> {
        let mut given: Vec<(Field, String)> = Vec::new();
        for item in items.iter().filter(|i| !i.trim().is_empty()) {
            let (field, column) = item.split_once('=').ok_or_else(|| format!("--map {item}: expected FIELD=COLUMN, e.g. text=NoteBody"))?;
            let field = Field::parse(field.trim()).ok_or_else(|| format!("--map {item}: \"{}\" is not a field (the fields: {FIELD_NAMES})", field.trim()))?;
            if given.iter().any(|(f, _)| *f == field) {
                return Err(format!("--map: {} is mapped twice", field.name()));
            }
            given.push((field, column.trim().to_owned()));
        }
        Ok(Mapping { given })
    }

    /// The given mapping's field names, for formats with fixed keys.
    pub fn fields(&self) -> impl Iterator<Item = (Field, &str)> {
        self.given.iter().map(|(f, c)| (*f, c.as_str()))
    }

    /// Finds each field's column in a CSV header. A mapped column must be
    /// there; a field not mapped is looked for under its own name (case,
    /// spaces and underscores aside). `text` must be found.
    pub fn resolve(&self, header: &[String], input: &str, by_worker: bool) -> Result<Columns, String> {
        let listing = || header.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ");
        let find = |column: &str| -> Result<Option<usize>, String> {
            let exact: Vec<usize> = (0..header.len()).filter(|&i| header[i] == column).collect();
            let loose: Vec<usize> = (0..header.len()).filter(|&i| loose_eq(&header[i], column)).collect();
            match (exact.as_slice(), loose.as_slice()) {
                ([i], _) | ([], [i]) => Ok(Some(*i)),
                ([], []) => Ok(None),
                _ => Err(format!("{input}: the header has more than one column \"{column}\"")),
            }
        };
        let mut columns = Columns::default();
        for field in Field::all() {
            let mapped = self.given.iter().find(|(f, _)| *f == field).map(|(_, c)| c.as_str());
            let at = match mapped {
                Some(column) => Some(
                    find(column)?
                        .ok_or_else(|| format!("{input}: --map {}={column}: there is no column \"{column}\"; the columns are {}", field.name(), listing()))?,
                ),
                None => find(&field.name())?,
            };
            let Some(at) = at else { continue };
            if field == Field::Worker && !by_worker {
                continue; // workers' names are read only with --by-worker
            }
            columns.used.push((field.name(), header[at].clone()));
            match field {
                Field::Id => columns.id = Some(at),
                Field::Text => columns.text = at,
                Field::Event => columns.event = Some(at),
                Field::EventAt => columns.event_at = Some(at),
                Field::RecordedAt => columns.recorded_at = Some(at),
                Field::Team => columns.team = Some(at),
                Field::Worker => columns.worker = Some(at),
                Field::ChildName => columns.child_name = Some(at),
                Field::ChildAge => columns.child_age = Some(at),
                Field::Equality(area) => columns.equality.push((area, at)),
            }
        }
        if !columns.used.iter().any(|(f, _)| f == "text") {
            return Err(format!("{input}: no column holds the note text; give --map text=COLUMN (the columns are {})", listing()));
        }
        columns.width = header.len();
        Ok(columns)
    }
}

/// Header names compared without case, spaces, underscores or hyphens.
fn loose_eq(a: &str, b: &str) -> bool {
    let key = |s: &str| s.chars().filter(|c| !matches!(c, ' ' | '_' | '-')).flat_map(char::to_lowercase).collect::<String>();
    key(a) == key(b)
}

/// Where each field is in a CSV row.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    /// The number of columns in the header.
    pub width: usize,
    /// The note's id.
    pub id: Option<usize>,
    /// The note.
    pub text: usize,
    /// The event type.
    pub event: Option<usize>,
    /// The event time.
    pub event_at: Option<usize>,
    /// The recording time.
    pub recorded_at: Option<usize>,
    /// The team.
    pub team: Option<usize>,
    /// The worker (only with `--by-worker`).
    pub worker: Option<usize>,
    /// The child's name.
    pub child_name: Option<usize>,
    /// The child's age.
    pub child_age: Option<usize>,
    /// Structured equality fields.
    pub equality: Vec<(EqualityArea, usize)>,
    /// `(field, column)` for every field found, for the report.
    pub used: Vec<(String, String)>,
}

/// `--event-map`: the export's event types as the policy's categories.
#[derive(Clone, Debug, Default)]
pub struct EventMap {
    pairs: Vec<(String, Category)>,
}

impl EventMap {
    /// Reads `VALUE=CATEGORY` items.
    pub fn parse(items: &[String]) -> Result<EventMap, String> {
        let mut pairs = Vec::new();
        for item in items.iter().filter(|i| !i.trim().is_empty()) {
            let (value, category) = item.rsplit_once('=').ok_or_else(|| format!("--event-map {item}: expected VALUE=CATEGORY, e.g. \"Case Note=other\""))?;
            let category = Category::from_id(category.trim())
                .ok_or_else(|| format!("--event-map {item}: \"{}\" is not a category (expected {})", category.trim(), category_ids()))?;
            pairs.push((value.trim().to_lowercase(), category));
        }
        Ok(EventMap { pairs })
    }

    /// The category of an export's event type: from the map (case aside),
    /// else the value itself when it names a category ("Statutory visit").
    pub fn category(&self, value: &str) -> Result<Category, String> {
        let lower = value.trim().to_lowercase();
        if let Some((_, c)) = self.pairs.iter().find(|(v, _)| *v == lower) {
            return Ok(*c);
        }
        let id: String = lower.chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect();
        Category::from_id(id.trim_matches('_')).ok_or_else(|| {
            format!(
                "\"{}\" is not one of the policy's categories ({}); map it with --event-map \"{}=CATEGORY\"",
                super::dates::cell(value),
                category_ids(),
                super::dates::cell(value)
            )
        })
    }
}

fn category_ids() -> String {
    Category::ALL.iter().map(|c| c.id()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn mapped_columns_are_found_and_others_by_their_own_name() {
        let m = Mapping::parse(&["id=NoteID".into(), "text=Body".into(), "equality.language=Lang".into()]).unwrap();
        let c = m.resolve(&header(&["NoteID", "Body", "Team", "Event At", "Lang", "Worker"]), "x.csv", false).unwrap();
        assert_eq!((c.id, c.text, c.team, c.event_at, c.worker), (Some(0), 1, Some(2), Some(3), None));
        assert_eq!(c.equality, [(EqualityArea::Language, 4)]);
        let m = Mapping::parse(&["id=NoteID".into(), "text=Body".into()]).unwrap();
        let c = m.resolve(&header(&["NoteID", "Body", "worker"]), "x.csv", true).unwrap();
        assert_eq!(c.worker, Some(2));
    }

    #[test]
    fn a_missing_column_names_itself_and_the_columns_there_are() {
        let m = Mapping::parse(&["text=NoteBody".into()]).unwrap();
        let e = m.resolve(&header(&["NoteID", "Body"]), "export.csv", false).unwrap_err();
        assert_eq!(e, "export.csv: --map text=NoteBody: there is no column \"NoteBody\"; the columns are \"NoteID\", \"Body\"");
        let e = Mapping::default().resolve(&header(&["NoteID", "Body"]), "export.csv", false).unwrap_err();
        assert!(e.contains("no column holds the note text"), "{e}");
        let e = Mapping::parse(&["txt=Body".into()]).unwrap_err();
        assert!(e.contains("\"txt\" is not a field"), "{e}");
    }

    #[test]
    fn event_types_map_to_categories() {
        let m = EventMap::parse(&["Case Note=other".into(), "Strategy Discussion=s47_strategy_significant".into()]).unwrap();
        assert_eq!(m.category("case note"), Ok(Category::Other));
        assert_eq!(m.category("Statutory Visit"), Ok(Category::StatutoryVisit));
        assert_eq!(m.category(" High-Risk "), Ok(Category::HighRisk));
        assert!(m.category("Phone call").unwrap_err().contains("--event-map \"Phone call=CATEGORY\""));
        assert!(EventMap::parse(&["Visit=visit".into()]).unwrap_err().contains("not a category"));
    }
}
