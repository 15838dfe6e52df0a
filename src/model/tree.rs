//! A plan as a tree of values, in the shape its RON text has: structs with their fields in
//! file order (the fields the types leave out when they hold their default are left out
//! here too), lists, maps, enum variants, strings and numbers. Saving compares the tree of
//! the plan as loaded with the tree of the plan as edited to find the text an edit
//! touched; the plan diff names the same changes to a person. Being generic, both follow
//! every field the plan types gain, with no code of their own for it.

use serde::ser::{self, Impossible, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Fields in the order the type declares them.
    Struct(Vec<(&'static str, Node)>),
    Seq(Vec<Node>),
    /// Entries in the order written; keys are strings in a plan.
    Map(Vec<(String, Node)>),
    /// An enum variant: `Critical`, or `Standby(["A"])` with its content.
    Variant(&'static str, Option<Box<Node>>),
    Str(String),
    Float(f64),
    Int(i64),
    Bool(bool),
    /// An optional value that is absent and still written (the plan types skip them).
    None,
    Unit,
}

impl Node {
    /// The value of a struct's field.
    pub fn field(&self, name: &str) -> Option<&Node> {
        match self {
            Node::Struct(fields) => fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// What names an element of a list for a person and across edits: its `id`, or a
    /// scenario's `name`.
    pub fn key(&self) -> Option<&str> {
        match self.field("id").or_else(|| self.field("name")) {
            Some(Node::Str(key)) => Some(key),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
#[error("{0}")]
pub struct TreeError(String);

impl ser::Error for TreeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        TreeError(msg.to_string())
    }
}

/// The tree of any value the plan types hold.
pub fn to_tree<T: Serialize + ?Sized>(value: &T) -> Result<Node, TreeError> {
    value.serialize(TreeSerializer)
}

struct TreeSerializer;

fn unsupported(what: &str) -> TreeError {
    TreeError(format!("a plan holds no {what}"))
}

impl ser::Serializer for TreeSerializer {
    type Ok = Node;
    type Error = TreeError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = Impossible<Node, TreeError>;
    type SerializeMap = MapBuilder;
    type SerializeStruct = StructBuilder;
    type SerializeStructVariant = Impossible<Node, TreeError>;

    fn serialize_bool(self, v: bool) -> Result<Node, TreeError> {
        Ok(Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Node, TreeError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Node, TreeError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Node, TreeError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Node, TreeError> {
        Ok(Node::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Node, TreeError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Node, TreeError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Node, TreeError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Node, TreeError> {
        i64::try_from(v)
            .map(Node::Int)
            .map_err(|_| unsupported("whole number that large"))
    }
    fn serialize_f32(self, v: f32) -> Result<Node, TreeError> {
        Ok(Node::Float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<Node, TreeError> {
        Ok(Node::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<Node, TreeError> {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Node, TreeError> {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Node, TreeError> {
        Err(unsupported("bytes"))
    }
    fn serialize_none(self) -> Result<Node, TreeError> {
        Ok(Node::None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Node, TreeError> {
        // Written bare: the loader reads optional values with `implicit_some`.
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Node, TreeError> {
        Ok(Node::Unit)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Node, TreeError> {
        Ok(Node::Unit)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Node, TreeError> {
        Ok(Node::Variant(variant, None))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Node, TreeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Node, TreeError> {
        Ok(Node::Variant(variant, Some(Box::new(to_tree(value)?))))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, TreeError> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, TreeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqBuilder, TreeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, TreeError> {
        Err(unsupported("variant with several values"))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, TreeError> {
        Ok(MapBuilder {
            entries: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<StructBuilder, TreeError> {
        Ok(StructBuilder(Vec::with_capacity(len)))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, TreeError> {
        Err(unsupported("variant with fields"))
    }
}

struct SeqBuilder(Vec<Node>);

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.0.push(to_tree(value)?);
        Ok(())
    }
    fn end(self) -> Result<Node, TreeError> {
        Ok(Node::Seq(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, TreeError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, TreeError> {
        ser::SerializeSeq::end(self)
    }
}

struct MapBuilder {
    entries: Vec<(String, Node)>,
    key: Option<String>,
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TreeError> {
        match to_tree(key)? {
            Node::Str(key) => {
                self.key = Some(key);
                Ok(())
            }
            _ => Err(unsupported("map keyed by anything but text")),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| TreeError("a map value without its key".to_string()))?;
        self.entries.push((key, to_tree(value)?));
        Ok(())
    }
    fn end(self) -> Result<Node, TreeError> {
        Ok(Node::Map(self.entries))
    }
}

struct StructBuilder(Vec<(&'static str, Node)>);

impl ser::SerializeStruct for StructBuilder {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), TreeError> {
        self.0.push((name, to_tree(value)?));
        Ok(())
    }
    fn skip_field(&mut self, _: &'static str) -> Result<(), TreeError> {
        Ok(())
    }
    fn end(self) -> Result<Node, TreeError> {
        Ok(Node::Struct(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{load_plan, Failover, Redundancy};

    #[test]
    fn a_plan_becomes_its_fields_in_file_order_without_skipped_ones() {
        let source = include_str!("../../plans/tiny.ron");
        let plan = load_plan(source, "tiny.ron").unwrap().plan;
        let tree = to_tree(&plan).unwrap();
        let Node::Struct(fields) = &tree else {
            panic!("{tree:?}")
        };
        let names: Vec<_> = fields.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "name",
                "description",
                "policy",
                "profiles",
                "regions",
                "sites",
                "services",
                "scenarios"
            ]
        );
        let billing = match tree.field("services") {
            Some(Node::Seq(services)) => services[1].clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(billing.key(), Some("billing"));
        assert_eq!(billing.field("servers"), Some(&Node::Float(300.0)));
        assert_eq!(billing.field("growth"), None, "0 growth is left out");
        assert_eq!(
            billing.field("failover"),
            Some(&Node::Variant(
                "Standby",
                Some(Box::new(Node::Seq(vec![Node::Str("A".into())])))
            ))
        );
        assert_eq!(billing.field("slo"), Some(&Node::Float(0.999)));
    }

    #[test]
    fn variants_with_and_without_content() {
        assert_eq!(
            to_tree(&Redundancy::NPlus(1)).unwrap(),
            Node::Variant("NPlus", Some(Box::new(Node::Int(1))))
        );
        assert_eq!(
            to_tree(&Failover::NoFailover).unwrap(),
            Node::Variant("NoFailover", None)
        );
    }
}
