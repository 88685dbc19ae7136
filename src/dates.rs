//! Obsidian (moment.js) and Logseq date formats, strict date parsing, ISO and Sunday-start weeks.
