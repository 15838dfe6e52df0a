//! What the reports for people share: a report as sections of key figures, tables and
//! notes, each figure carrying its standing (fine, watch, failing). Text and Markdown
//! only differ in how they draw a `Document`, so the facts are gathered once.

/// How a figure stands against the plan's policy; text colours it, Markdown bolds Bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Bad,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
    /// A fraction (1.0 = full) the text format may draw as a small bar after the text.
    pub bar: Option<f64>,
}

impl Cell {
    pub fn plain(text: impl Into<String>) -> Cell {
        Cell::toned(text, Tone::Plain)
    }

    pub fn toned(text: impl Into<String>, tone: Tone) -> Cell {
        Cell {
            text: text.into(),
            tone,
            bar: None,
        }
    }

    pub fn with_bar(mut self, fraction: f64) -> Cell {
        self.bar = Some(fraction);
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    /// A shorter header for narrow terminals.
    pub short: Option<String>,
    pub align: Align,
    /// 0: always shown; columns of the highest rank are the first to go when the table
    /// does not fit the terminal.
    pub drop_rank: u8,
    /// A long text column (lists, names) that gives way first: it is fitted at a capped
    /// width, cut with an ellipsis, and widened again with whatever room is left.
    pub flex: bool,
}

impl Column {
    pub fn left(header: &str, drop_rank: u8) -> Column {
        Column {
            header: header.to_string(),
            short: None,
            align: Align::Left,
            drop_rank,
            flex: false,
        }
    }

    pub fn right(header: &str, drop_rank: u8) -> Column {
        Column {
            align: Align::Right,
            ..Column::left(header, drop_rank)
        }
    }

    pub fn flex(mut self) -> Column {
        self.flex = true;
        self
    }

    pub fn short(mut self, header: &str) -> Column {
        self.short = Some(header.to_string());
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Key figures as label and value.
    Facts(Vec<(String, Cell)>),
    Table(Table),
    Note(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub intro: Vec<String>,
    pub sections: Vec<Section>,
}
