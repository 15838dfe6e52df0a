//! The one table of keys. Input handling looks actions up here and the help overlay
//! lists it, so a key cannot work without being documented or be documented without
//! working.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::View;

/// Everything a key can ask of the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    NextView,
    PrevView,
    Show(View),
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    PrevResource,
    NextResource,
    Open,
    Back,
    Filter,
    Help,
    FailSite,
    FailRegion,
    ClearFailures,
    Edit,
    Add,
    Duplicate,
    Delete,
    Undo,
    Redo,
    Save,
    SaveAs,
    Changes,
    Sort,
    ReverseSort,
    EarlierMonth,
    LaterMonth,
    Export,
}

pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in the help overlay.
    pub label: &'static str,
    pub action: Action,
    pub description: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[(KeyCode::Char('q'), NONE), (KeyCode::Char('c'), CTRL)],
        label: "q  Ctrl-c",
        action: Action::Quit,
        description: "quit",
    },
    Binding {
        keys: &[(KeyCode::Tab, NONE)],
        label: "Tab",
        action: Action::NextView,
        description: "next view",
    },
    Binding {
        keys: &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)],
        label: "Shift-Tab",
        action: Action::PrevView,
        description: "previous view",
    },
    Binding {
        keys: &[(KeyCode::Char('1'), NONE)],
        label: "1",
        action: Action::Show(View::Overview),
        description: "overview",
    },
    Binding {
        keys: &[(KeyCode::Char('2'), NONE)],
        label: "2",
        action: Action::Show(View::Sites),
        description: "sites",
    },
    Binding {
        keys: &[(KeyCode::Char('3'), NONE)],
        label: "3",
        action: Action::Show(View::Services),
        description: "services",
    },
    Binding {
        keys: &[(KeyCode::Char('4'), NONE)],
        label: "4",
        action: Action::Show(View::Scenarios),
        description: "scenarios",
    },
    Binding {
        keys: &[(KeyCode::Char('5'), NONE)],
        label: "5",
        action: Action::Show(View::Hazards),
        description: "hazards",
    },
    Binding {
        keys: &[(KeyCode::Char('6'), NONE)],
        label: "6",
        action: Action::Show(View::Runway),
        description: "runway",
    },
    Binding {
        keys: &[(KeyCode::Char('7'), NONE)],
        label: "7",
        action: Action::Show(View::Plan),
        description: "plan: policy, profiles, regions, expansions",
    },
    Binding {
        keys: &[(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
        label: "↑  k",
        action: Action::Up,
        description: "previous row",
    },
    Binding {
        keys: &[(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
        label: "↓  j",
        action: Action::Down,
        description: "next row",
    },
    Binding {
        keys: &[(KeyCode::PageUp, NONE)],
        label: "PgUp",
        action: Action::PageUp,
        description: "one page up",
    },
    Binding {
        keys: &[(KeyCode::PageDown, NONE)],
        label: "PgDn",
        action: Action::PageDown,
        description: "one page down",
    },
    Binding {
        keys: &[(KeyCode::Home, NONE), (KeyCode::Char('g'), NONE)],
        label: "Home  g",
        action: Action::First,
        description: "first row",
    },
    Binding {
        keys: &[
            (KeyCode::End, NONE),
            (KeyCode::Char('G'), SHIFT),
            (KeyCode::Char('G'), NONE),
        ],
        label: "End  G",
        action: Action::Last,
        description: "last row",
    },
    Binding {
        keys: &[(KeyCode::Left, NONE), (KeyCode::Char('h'), NONE)],
        label: "←  h",
        action: Action::PrevResource,
        description: "previous resource (scenarios, runway)",
    },
    Binding {
        keys: &[(KeyCode::Right, NONE), (KeyCode::Char('l'), NONE)],
        label: "→  l",
        action: Action::NextResource,
        description: "next resource (scenarios, runway)",
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        label: "Enter",
        action: Action::Open,
        description: "open: site detail (Sites), else edit the item or the field",
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        action: Action::Back,
        description: "close edit pane, detail, help or filter",
    },
    Binding {
        keys: &[(KeyCode::Char('/'), NONE)],
        label: "/",
        action: Action::Filter,
        description: "filter rows by id or name (Esc clears)",
    },
    Binding {
        keys: &[(KeyCode::Char('?'), NONE), (KeyCode::Char('?'), SHIFT)],
        label: "?",
        action: Action::Help,
        description: "this help",
    },
    Binding {
        keys: &[(KeyCode::Char('f'), NONE)],
        label: "f",
        action: Action::FailSite,
        description: "what-if: fail/restore the selected site (Sites, Hazards, Runway)",
    },
    Binding {
        keys: &[(KeyCode::Char('r'), NONE)],
        label: "r",
        action: Action::FailRegion,
        description: "what-if: fail/restore the selected site's region",
    },
    Binding {
        keys: &[(KeyCode::Char('F'), SHIFT), (KeyCode::Char('F'), NONE)],
        label: "F",
        action: Action::ClearFailures,
        description: "what-if: restore every failed site",
    },
    Binding {
        keys: &[(KeyCode::Char('e'), NONE)],
        label: "e",
        action: Action::Edit,
        description: "edit the selected item (Overview: the policy) or field",
    },
    Binding {
        keys: &[(KeyCode::Char('a'), NONE)],
        label: "a",
        action: Action::Add,
        description: "add an item to this list (in a site's pane: an expansion)",
    },
    Binding {
        keys: &[(KeyCode::Char('D'), SHIFT), (KeyCode::Char('D'), NONE)],
        label: "D",
        action: Action::Duplicate,
        description: "duplicate the selected item",
    },
    Binding {
        keys: &[(KeyCode::Char('d'), NONE), (KeyCode::Delete, NONE)],
        label: "d  Del",
        action: Action::Delete,
        description: "delete the selected item (asks first)",
    },
    Binding {
        keys: &[(KeyCode::Char('u'), NONE)],
        label: "u",
        action: Action::Undo,
        description: "undo the last change",
    },
    Binding {
        keys: &[(KeyCode::Char('r'), CTRL)],
        label: "Ctrl-r",
        action: Action::Redo,
        description: "redo the last undone change",
    },
    Binding {
        keys: &[(KeyCode::Char('s'), NONE)],
        label: "s",
        action: Action::Save,
        description: "save the plan (keeps the previous version as .bak)",
    },
    Binding {
        keys: &[(KeyCode::Char('S'), SHIFT), (KeyCode::Char('S'), NONE)],
        label: "S",
        action: Action::SaveAs,
        description: "save the plan as another file",
    },
    Binding {
        keys: &[(KeyCode::Char('c'), NONE)],
        label: "c",
        action: Action::Changes,
        description: "changes since the file was opened or saved (as headroom diff)",
    },
    Binding {
        keys: &[(KeyCode::Char('o'), NONE)],
        label: "o  click",
        action: Action::Sort,
        description: "sort by the next column (or click a header)",
    },
    Binding {
        keys: &[(KeyCode::Char('O'), SHIFT), (KeyCode::Char('O'), NONE)],
        label: "O",
        action: Action::ReverseSort,
        description: "reverse the sort order",
    },
    Binding {
        keys: &[(KeyCode::Char('['), NONE)],
        label: "[",
        action: Action::EarlierMonth,
        description: "month: one earlier (every view shows the plan then)",
    },
    Binding {
        keys: &[(KeyCode::Char(']'), NONE)],
        label: "]",
        action: Action::LaterMonth,
        description: "month: one later (demand grown, expansions added)",
    },
    Binding {
        keys: &[(KeyCode::Char('x'), NONE)],
        label: "x",
        action: Action::Export,
        description: "export what is shown (month, what-if) as Markdown and CSV",
    },
];

/// Keys of a one-line text field (a field's value, a file name). They are read by the
/// field itself, not through the table above; the help overlay lists them too.
pub const TEXT_KEYS: &[(&str, &str)] = &[
    ("← → Home End", "move the cursor"),
    ("Bksp Del", "erase before / at the cursor"),
    ("Ctrl-u", "clear the field"),
    ("Enter", "apply (a refused value shows why and stays open)"),
    ("Esc", "cancel"),
];

/// The action bound to a key press, if any.
pub fn action_for(key: &KeyEvent) -> Option<Action> {
    KEYMAP
        .iter()
        .find(|b| {
            b.keys
                .iter()
                .any(|&(code, mods)| code == key.code && mods == key.modifiers)
        })
        .map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_maps_to_one_action() {
        let mut seen = Vec::new();
        for b in KEYMAP {
            for k in b.keys {
                assert!(!seen.contains(k), "{k:?} bound twice");
                seen.push(*k);
            }
        }
    }

    #[test]
    fn ctrl_c_quits_and_plain_c_shows_the_changes() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&ctrl_c), Some(Action::Quit));
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(action_for(&c), Some(Action::Changes));
    }
}
