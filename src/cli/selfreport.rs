//! `teichaku selfreport import FILE`: the daily self-reports (日報) from a
//! form export — Google Forms, Microsoft Forms (UTF-8), or a sheet Excel
//! saved as CSV (Shift_JIS/CP932). Without `--mapping` the columns of a
//! known form are recognised by their headers. The preview names every row
//! that cannot be imported and why; the import is all or nothing, in one
//! transaction, and a day already stored is left alone (re-importing adds
//! nothing).

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
        } => import(
            ctx,
            &file,
            mapping,
            dry_run,
            encoding.as_deref(),
            skip_bad_rows,
        ),
    }
}

fn import(
    ctx: &mut Ctx,
    file: &std::path::Path,
    mapping: Option<PathBuf>,
    dry_run: bool,
    encoding: Option<&str>,
    skip_bad_rows: bool,
) -> Result<()> {
    let preview = ctx
        .store
        .selfreport_preview(file, mapping.as_deref(), encoding)?;
    for line in text::preview(&preview, ctx.lang) {
        ctx.line(line);
    }
    if dry_run {
        ctx.line(text::dry_run(ctx.lang));
        return Ok(());
    }
    if !preview.problems.is_empty() && !skip_bad_rows {
        // The preview is printed before the refusal, so the rows are named.
        eprint!(
            "{}",
            crate::text::terminal_safe(&std::mem::take(&mut ctx.out))
        );
        return Err(Error::SelfReportRows);
    }
    let rows: Vec<_> = preview.new.into_iter().map(|(_, r)| r).collect();
    let n = ctx.store.import_selfreports(&rows)?;
    ctx.line(text::imported(n, ctx.lang));
    Ok(())
}
