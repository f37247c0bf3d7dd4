//! The TOML form of a customer file: [`CustomerFile`] (read, with locations of errors) and
//! [`HeaderOut`] (written).

use super::*;

/// The whole content of a customer file, as deserialized (the id comes from the file name).
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerFile {
    pub header: Header,
    pub records: Records,
}

impl CustomerFile {
    pub fn into_customer(self, id: String) -> Customer {
        Customer {
            id,
            header: self.header,
            records: self.records,
        }
    }
}

impl<'de> Deserialize<'de> for CustomerFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(CustomerFileVisitor)
    }
}

struct CustomerFileVisitor;

impl<'de> Visitor<'de> for CustomerFileVisitor {
    type Value = CustomerFile;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a customer file")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CustomerFile, A::Error> {
        let mut schema = None;
        let mut name = None;
        let mut kind = None;
        let mut since = None;
        let mut tags = None;
        let mut cadence = None;
        let mut uid = None;
        let mut attributes = BTreeMap::new();
        let mut file = CustomerFile {
            header: Header::named(""),
            records: Records::default(),
        };
        let mut starts: Vec<(usize, u8)> = Vec::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "schema" => schema = Some(map.next_value::<u32>()?),
                "name" => name = Some(map.next_value::<String>()?),
                "kind" => kind = Some(map.next_value::<Kind>()?),
                "since" => since = Some(date_field::deserialize(MapValue(&mut map))?),
                "tags" => tags = Some(map.next_value::<Vec<String>>()?),
                "cadence" => cadence = Some(map.next_value::<Cadence>()?),
                "uid" => uid = Some(map.next_value::<String>()?),
                key if file.records.read_table(key, &mut map, &mut starts)? => {}
                _ => {
                    let value = map.next_value::<toml::Value>()?;
                    attributes.insert(key.into_owned(), value);
                }
            }
        }
        let schema = schema.ok_or_else(|| de::Error::missing_field("schema"))?;
        if schema > SCHEMA {
            return Err(de::Error::custom(format!(
                "schema {schema} is newer than this coltiva understands (schema {SCHEMA}); upgrade coltiva"
            )));
        }
        file.records.set_file_order(starts);
        file.header = Header {
            schema,
            name: name.ok_or_else(|| de::Error::missing_field("name"))?,
            kind: kind.unwrap_or(Kind::External),
            since,
            tags: tags.unwrap_or_default(),
            cadence,
            uid,
            attributes,
        };
        Ok(file)
    }
}

/// Adapts `MapAccess::next_value` to a `Deserializer`, so field helpers can be reused.
struct MapValue<'a, A>(&'a mut A);

impl<'de, A: MapAccess<'de>> Deserializer<'de> for MapValue<'_, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(AnySeed(visitor))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct AnySeed<V>(V);

impl<'de, V: Visitor<'de>> de::DeserializeSeed<'de> for AnySeed<V> {
    type Value = V::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_any(self.0)
    }
}

/// Serializes the header of a new customer file (schema first, free attributes last).
#[derive(Serialize)]
pub struct HeaderOut<'a> {
    pub schema: u32,
    pub name: &'a str,
    pub kind: Kind,
    #[serde(with = "date_field::option", skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cadence: Option<Cadence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<&'a str>,
    #[serde(flatten)]
    pub attributes: &'a BTreeMap<String, toml::Value>,
}

impl<'a> From<&'a Header> for HeaderOut<'a> {
    fn from(h: &'a Header) -> HeaderOut<'a> {
        HeaderOut {
            schema: h.schema,
            name: &h.name,
            kind: h.kind,
            since: h.since,
            tags: &h.tags,
            cadence: h.cadence,
            uid: h.uid.as_deref(),
            attributes: &h.attributes,
        }
    }
}

#[cfg(test)]
mod mutant_tests {
    use super::*;

    #[test]
    fn every_header_key_lands_in_its_field_and_the_rest_are_attributes() {
        let text = "schema = 1\nname = \"ACME\"\nkind = \"internal\"\nsince = 2025-03-01\ntags = [\"a\"]\ncadence = \"2w\"\nuid = \"u1\"\nzone = \"Nord\"\n";
        let file: CustomerFile = toml::from_str(text).unwrap();
        let h = &file.header;
        assert_eq!(
            (h.schema, h.name.as_str(), h.kind),
            (1, "ACME", Kind::Internal)
        );
        assert_eq!(h.since, NaiveDate::from_ymd_opt(2025, 3, 1));
        assert_eq!(h.tags, ["a"]);
        assert_eq!(h.cadence.map(|c| c.to_string()), Some("14d".into()));
        assert_eq!(h.uid.as_deref(), Some("u1"));
        assert_eq!(h.attributes.keys().collect::<Vec<_>>(), ["zone"]);
        let err = toml::from_str::<CustomerFile>("schema = 2\nname = \"x\"\n").unwrap_err();
        assert!(err.to_string().contains("schema 2 is newer"), "{err}");
    }
}
