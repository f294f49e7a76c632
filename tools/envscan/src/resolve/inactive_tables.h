// Names that a table holds only in #if arms that are off on this host: another platform's
// entries of an array of names or of a struct table, read by a loop that the AST saw.
#pragma once

#include <map>
#include <string>

#include "model.h"
#include "resolve/resolve.h"

namespace envscan {

// Files worth a second parse with every #if arm kept: an identifier-like string sits in a
// brace list inside a range the first parse skipped.
bool has_inactive_table_entries(const RawFile& raw, const AstFileResult& ast);

// Adds a read, not live, for each name a table-driven read (array element or value solved
// over the whole tree) can take only with the entries of `retained` (the files above,
// parsed with every arm kept, by absolute path). Each such name must appear as a table
// entry in an inactive arm; that arm's condition joins the read's own.
void add_inactive_table_reads(const ResolveInput& in, const std::map<std::string, const AstFileResult*>& retained,
                              Findings& out);

}  // namespace envscan
