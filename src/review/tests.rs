use std::fs;

use chrono::NaiveDate;

use super::test_vault::config_with;
use super::*;
use crate::dates::{Week, WeekStart};

fn config(toml: &str) -> (tempfile::TempDir, Config) {
    config_with(&[(".smallwins.toml", toml), (".obsidian/app.json", "{}")])
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn period(kind: PeriodKind, date: &str) -> Period {
    Period::containing(kind, d(date), WeekStart::Monday)
}

fn note(date: &str, wins: usize) -> Note {
    let date = d(date);
    Note {
        source: format!("{date}.md"),
        date,
        wins: (0..wins)
            .map(|line| crate::model::Win {
                date,
                time: None,
                text: format!("win {line}"),
                tags: Vec::new(),
                source: format!("{date}.md"),
                line: line + 1,
                kind: crate::model::WinKind::Tag,
            })
            .collect(),
        rest: false,
    }
}

#[test]
fn a_review_that_is_a_link_or_a_folder_is_a_finding_not_an_abort() {
    let (dir, config) = config("");
    let outside = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("Reviews/2026-W02.md")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("escaped.md"),
        dir.path().join("Reviews/2026-W01.md"),
    )
    .unwrap();
    let text = format!("{}\nx\n{}\n", write::BEGIN_MARKER, write::END_MARKER);
    for path in ["Reviews/2026-W01.md", "Reviews/2026-W02.md"] {
        let rendered = Rendered {
            period: period(PeriodKind::Week, "2026-01-01"),
            path: path.to_owned(),
            text: text.clone(),
            block_source: text.clone(),
            numbers: Vec::new(),
            warnings: Vec::new(),
        };
        for dry_run in [true, false] {
            let status = apply(&config, &rendered, dry_run).unwrap();
            assert!(
                matches!(status, ReviewStatus::NotRewritten { line: None, .. }),
                "{path}: {status:?}"
            );
        }
    }
    assert!(!outside.path().join("escaped.md").exists());
}

#[test]
fn write_reviews_writes_every_week_past_a_damaged_review_and_plans_without_writing() {
    let (dir, config) = config("");
    let damaged = "# W46\n\n<!-- smallwins:begin -->\nmine\n";
    fs::create_dir_all(dir.path().join("Reviews")).unwrap();
    fs::write(dir.path().join("Reviews/2026-W46.md"), damaged).unwrap();
    let weeks = [46, 47].map(|number| {
        Period::Week(Week::parse_label(&format!("2026-W{number}"), WeekStart::Monday).unwrap())
    });
    let statuses = |dry_run| -> Vec<ReviewWrite> {
        write_reviews(&config, &[], &weeks, dry_run)
            .unwrap()
            .collect::<Result<_>>()
            .unwrap()
    };
    let planned = statuses(true);
    assert_eq!(
        planned[1].status,
        ReviewStatus::Planned(WriteOutcome::Created)
    );
    assert!(!dir.path().join("Reviews/2026-W47.md").exists());
    let written = statuses(false);
    let problem = written[0].problem().unwrap();
    assert_eq!(
        (problem.source.as_str(), problem.line, written[0].outcome()),
        ("Reviews/2026-W46.md", Some(3), None)
    );
    assert_eq!(written[1].outcome(), Some(WriteOutcome::Created));
    assert_eq!(written[1].problem(), None);
    assert_eq!(
        fs::read_to_string(dir.path().join("Reviews/2026-W46.md")).unwrap(),
        damaged
    );
    assert_eq!(statuses(false)[1].outcome(), Some(WriteOutcome::Unchanged));
}

#[test]
fn review_paths_use_the_weeks_monday() {
    let (_dir, iso) = config("");
    let date = d("2026-11-22");
    let week = Period::Week(Week::containing(date, WeekStart::Monday));
    assert_eq!(review_path(&iso, &week), "Reviews/2026-W47.md");
    let (_dir, sunday) =
        config("[review]\nfolder = \"Weekly\"\nformat = \"gggg-[W]ww\"\nweek_start = \"sunday\"\n");
    let week = Period::Week(Week::containing(date, WeekStart::Sunday));
    assert_eq!(
        review_path(&sunday, &week),
        format!("Weekly/{}.md", week.label())
    );
    let (_dir, default_sunday) = config("[review]\nweek_start = \"sunday\"\n");
    let in_2027 = Period::Week(Week::containing(d("2027-03-10"), WeekStart::Sunday));
    assert_eq!(
        review_path(&default_sunday, &in_2027),
        format!("Reviews/{}.md", in_2027.label()),
        "the default name of a Sunday week is its own label, also where ISO numbers differ"
    );
}

#[test]
fn every_period_has_its_path() {
    let (_dir, config) = config("[review.year]\nfolder = \"Years\"\nformat = \"[Year] YYYY\"\n");
    let cases = [
        (PeriodKind::Month, "Reviews/2026-11.md"),
        (PeriodKind::Quarter, "Reviews/2026-Q4.md"),
        (PeriodKind::Year, "Years/Year 2026.md"),
    ];
    for (kind, path) in cases {
        assert_eq!(review_path(&config, &period(kind, "2026-11-26")), path);
    }
    let (_dir, logseq) =
        config_with(&[("logseq/config.edn", "{:file/name-format :triple-lowbar}")]);
    assert_eq!(
        review_path(&logseq, &period(PeriodKind::Week, "2026-11-26")),
        "pages/Reviews___2026-W48.md"
    );
    let (_dir, legacy) = config_with(&[("logseq/config.edn", "{}")]);
    assert_eq!(
        review_path(&legacy, &period(PeriodKind::Quarter, "2026-11-26")),
        "pages/Reviews%2F2026-Q4.md"
    );
}

#[test]
fn the_reviews_a_set_of_dates_touches() {
    let (dir, config) = config("[review.quarter]\n");
    fs::create_dir_all(dir.path().join("Reviews")).unwrap();
    fs::write(dir.path().join("Reviews/2026-10.md"), "").unwrap();
    let labels = |dates: &[&str]| -> Vec<String> {
        periods_touched(&config, dates.iter().map(|date| d(date)))
            .iter()
            .map(Period::label)
            .collect()
    };
    assert_eq!(
        labels(&["2026-10-30", "2026-11-02", "2026-11-03", "2026-12-01"]),
        ["2026-W44", "2026-W45", "2026-10", "2026-Q4"],
        "weeks always, a month whose review exists, a configured quarter, no date after today"
    );
    assert!(labels(&[]).is_empty());
}

#[test]
fn nothing_to_review_before_the_first_note_or_after_the_next_period() {
    let (_dir, config) = config("");
    let notes = [note("2026-10-07", 1), note("2026-11-20", 2)];
    let cases = [
        (
            PeriodKind::Week,
            "2026-09-30",
            Some("nothing to review: week 2026-W40 ends before the first dated note (2026-10-07)"),
        ),
        (PeriodKind::Week, "2026-10-05", None),
        (PeriodKind::Week, "2026-12-02", None),
        (
            PeriodKind::Week,
            "2026-12-09",
            Some("nothing to review yet: week 2026-W50 starts after next week (2026-W49)"),
        ),
        (
            PeriodKind::Month,
            "2026-09-30",
            Some("nothing to review: month 2026-09 ends before the first dated note (2026-10-07)"),
        ),
        (PeriodKind::Year, "2026-01-01", None),
        (
            PeriodKind::Year,
            "2028-01-01",
            Some("nothing to review yet: year 2028 starts after next year (2027)"),
        ),
    ];
    for (kind, date, reason) in cases {
        assert_eq!(
            unreviewable(&config, &notes, &period(kind, date)).as_deref(),
            reason,
            "{kind} {date}"
        );
    }
    let far = Period::Year { year: 12026 };
    assert!(unreviewable(&config, &notes, &far)
        .unwrap()
        .contains("starts after next year"));
    assert!(
        unreviewable(&config, &[], &period(PeriodKind::Week, "2026-11-26"))
            .unwrap()
            .starts_with("nothing to review: no dated notes")
    );
}

#[test]
fn a_new_review_starts_from_the_periodic_notes_template() {
    let template = "---\ntags: [monthly]\n---\n# {{title}} · {{date:MMMM YYYY}}\n\n## Goals\n\n{{smallwins}}\n## Questions\n- {{month-1M:MMMM}} was?\n";
    let (dir, config) = config_with(&[
        (
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"monthly":{"enabled":true,"folder":"Months","format":"YYYY-MM","template":"Templates/Month"}}"#,
        ),
        ("Templates/Month.md", template),
    ]);
    let notes = [note("2026-11-20", 2)];
    let month = period(PeriodKind::Month, "2026-11-20");
    let writes: Vec<ReviewWrite> = write_reviews(&config, &notes, &[month], false)
        .unwrap()
        .collect::<Result<_>>()
        .unwrap();
    assert_eq!(writes[0].path, "Months/2026-11.md");
    assert!(writes[0].warnings.is_empty());
    let text = fs::read_to_string(dir.path().join("Months/2026-11.md")).unwrap();
    assert!(
        text.starts_with("---\ntags: [monthly]\ntype: monthly-review\nmonth: 2026-11\nstart: 2026-11-01\nend: 2026-11-30\nwins: 2\nwin_days: 1\ngoal_days: 0\nstreak: 0\n---\n# 2026-11 · November 2026\n\n## Goals\n\n<!-- smallwins:begin -->\n"),
        "{text}"
    );
    assert!(
        text.ends_with("<!-- smallwins:end -->\n## Questions\n- October was?\n"),
        "{text}"
    );
}

#[test]
fn a_template_without_the_placeholder_gets_the_block_at_its_end() {
    let (dir, config) = config_with(&[
        (".smallwins.toml", "[review]\ntemplate = \"T/Week.md\"\n"),
        (".obsidian/app.json", "{}"),
        ("T/Week.md", "My week {{monday:D MMM}}–{{sunday:D MMM}}"),
    ]);
    let week = period(PeriodKind::Week, "2026-11-20");
    let rendered = render_periods(&config, &[note("2026-11-20", 1)], &[week]).unwrap();
    let text = &rendered[0].text;
    assert!(
        text.contains("---\nMy week 16 Nov–22 Nov\n\n<!-- smallwins:begin -->\n"),
        "{text}"
    );
    assert!(text.ends_with("<!-- smallwins:end -->\n"), "{text}");
    drop(dir);
}

#[test]
fn a_missing_template_is_a_warning_and_one_outside_the_vault_an_error() {
    let (_dir, missing) = config("[review.month]\ntemplate = \"Templates/Nope.md\"\n");
    let month = period(PeriodKind::Month, "2026-11-20");
    let rendered = render_periods(&missing, &[], &[month]).unwrap();
    assert!(rendered[0].warnings[0]
        .message
        .contains("cannot read the monthly review template"));
    assert!(rendered[0].text.contains("type: monthly-review"));
    // The settings refuse `..` when they are read; a folder linked out of the vault is
    // refused when the template is.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(".smallwins.toml"),
        "[review.month]\ntemplate = \"../outside.md\"\n",
    )
    .unwrap();
    let err = Config::load(dir.path(), d("2026-11-26"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("review.month.template"), "{err}");
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("Month.md"), "secret {{smallwins}}").unwrap();
    let (vault, linked) = config("[review.month]\ntemplate = \"T/Month.md\"\n");
    std::os::unix::fs::symlink(outside.path(), vault.path().join("T")).unwrap();
    let err = render_periods(&linked, &[], &[month])
        .unwrap_err()
        .to_string();
    assert!(err.contains("must be a note inside the vault"), "{err}");
}

#[test]
fn properties_are_refreshed_and_the_rest_of_the_front_matter_kept() {
    let (dir, config) = config("");
    let week = period(PeriodKind::Week, "2026-11-20");
    let path = dir.path().join("Reviews/2026-W47.md");
    let run = |notes: &[Note]| {
        write_reviews(&config, notes, &[week], false)
            .unwrap()
            .collect::<Result<Vec<_>>>()
            .unwrap()
            .remove(0)
            .status
    };
    run(&[note("2026-11-20", 1)]);
    let text = fs::read_to_string(&path).unwrap();
    let mine = text.replace(
        "tags: [review]\n",
        "tags: [review]  # mine\nmood: \"good\"\n",
    );
    fs::write(&path, &mine).unwrap();
    assert_eq!(
        run(&[note("2026-11-20", 1)]),
        ReviewStatus::Written(WriteOutcome::Unchanged)
    );
    assert_eq!(
        run(&[note("2026-11-20", 3)]),
        ReviewStatus::Written(WriteOutcome::Updated)
    );
    let updated = fs::read_to_string(&path).unwrap();
    assert!(
        updated.contains(
            "tags: [review]  # mine\nmood: \"good\"\nwins: 3\nwin_days: 1\ngoal_days: 1\n"
        ),
        "{updated}"
    );
}
