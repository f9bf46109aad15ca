//! `teichaku selfreport import FILE`: the daily self-reports (日報) from a
//! form export — Google Forms, Microsoft Forms (UTF-8), or a sheet Excel
//! saved as CSV (Shift_JIS/CP932). Without `--mapping` the columns of a
//! known form are recognised by their headers. The preview names every row
//! that cannot be imported and why; the import is all or nothing, in one
//! transaction, and a day already stored is left alone (re-importing adds
//! nothing). A day stored with other values than the file's is listed as
//! changed (held → file) and kept as held unless `--replace-changed`.

use std::path::PathBuf;

use clap::Subcommand;

use super::Ctx;
use crate::error::{Error, Result};
use crate::i18n::selfreport as text;

#[derive(Debug, Subcommand)]
pub enum SelfReportCmd {
    /// フォームの CSV から日報を取り込む / import self-reports from a form's CSV
    Import {
        /// Google フォーム・Microsoft Forms・Excel の CSV / the CSV file
        file: PathBuf,
        /// 列の対応表（TOML）。省略時は見出しから判断 / which column is what (TOML); default: from the header
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// 取り込まずに結果だけ表示 / show what would be imported, import nothing
        #[arg(long)]
        dry_run: bool,
        /// 文字コード（utf-8 | shift_jis）。省略時は自動 / the file's encoding; default: detected
        #[arg(long)]
        encoding: Option<String>,
        /// 問題のある行を除いて取り込む / import the rows that are fine, leaving out the others
        #[arg(long)]
        skip_bad_rows: bool,
        /// 取込済みの日で内容の違う行を、ファイルの値にする / take the file's values for days held with other values
        #[arg(long)]
        replace_changed: bool,
    },
}

pub fn run(ctx: &mut Ctx, cmd: SelfReportCmd) -> Result<()> {
    match cmd {
        SelfReportCmd::Import {
            file,
            mapping,
            dry_run,
            encoding,
            skip_bad_rows,
            replace_changed,
        } => import(
            ctx,
            &file,
            mapping,
            dry_run,
            encoding.as_deref(),
            Choices {
                skip_bad_rows,
                replace_changed,
            },
        ),
    }
}

/// What the supporter decided for the rows that are not simply new.
struct Choices {
    skip_bad_rows: bool,
    replace_changed: bool,
}

fn import(
    ctx: &mut Ctx,
    file: &std::path::Path,
    mapping: Option<PathBuf>,
    dry_run: bool,
    encoding: Option<&str>,
    choices: Choices,
) -> Result<()> {
    let preview = ctx
        .store
        .selfreport_preview(file, mapping.as_deref(), encoding)?;
    for line in text::preview(&preview, ctx.store.selfreport_items(), ctx.lang) {
        ctx.line(line);
    }
    if dry_run {
        if !choices.replace_changed && !preview.changed.is_empty() {
            ctx.line(text::replace_hint(ctx.lang));
        }
        ctx.line(text::dry_run(ctx.lang));
        return Ok(());
    }
    if !preview.problems.is_empty() && !choices.skip_bad_rows {
        // The preview is printed before the refusal, so the rows are named;
        // with its access-log line first.
        ctx.finish_reading()?;
        eprint!(
            "{}",
            crate::text::terminal_safe(&std::mem::take(&mut ctx.out))
        );
        return Err(Error::SelfReportRows);
    }
    let rows: Vec<_> = preview.new.into_iter().map(|(_, r)| r).collect();
    let replace: Vec<_> = if choices.replace_changed {
        preview.changed.iter().map(|c| c.new.clone()).collect()
    } else {
        Vec::new()
    };
    let (n, _) = ctx.store.import_selfreports_replacing(&rows, &replace)?;
    ctx.line(text::imported(n, ctx.lang));
    let result = text::changed_result(preview.changed.len(), choices.replace_changed, ctx.lang);
    if let Some(line) = result {
        ctx.line(line.trim_start());
        if !choices.replace_changed {
            ctx.line(text::replace_hint(ctx.lang));
        }
    }
    Ok(())
}
