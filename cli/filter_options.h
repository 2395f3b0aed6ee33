// The filter flags shared by search, themes and trace (docs/query.md): each
// fills one field of scrutiny::Filters, so every command restricts the same way.
#pragma once

#include <CLI/CLI.hpp>

#include "scrutiny/query.h"

namespace scrutiny::cli {

// --theme ID (repeatable), --year Y or A..B, --from DATE, --to DATE, --type, --body,
// --polarity, --authority, --judgement, --visit.
void add_filter_options(CLI::App& app, Filters& filters);

}  // namespace scrutiny::cli
