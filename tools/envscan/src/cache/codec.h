// Binary encoding of the per-file stage outputs (the raw lexer's RawFile, the AST
// collectors' AstFileResult) for the on-disk cache and for shard files. Decoding is
// bounds-checked throughout: a truncated or corrupt payload makes decode_* return false,
// never read past the end or allocate more than the payload could hold.
#pragma once

#include <string>
#include <string_view>

#include "lex/raw_scan.h"
#include "parse/ast_scan.h"

namespace envscan::cache {

std::string encode_raw(const RawFile& f);
bool decode_raw(std::string_view bytes, RawFile& out);

std::string encode_ast(const AstFileResult& r);
bool decode_ast(std::string_view bytes, AstFileResult& out);

}  // namespace envscan::cache
