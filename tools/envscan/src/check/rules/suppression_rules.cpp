// malformed-suppression and unused-suppression: findings about the suppressions
// themselves, produced while applying them (check/suppress.cpp).
#include "check/rules/rules.h"

namespace envscan::rules {
namespace {
void produced_by_the_driver(const CheckContext&, std::vector<CheckFinding>&) {}
}  // namespace

const Rule malformed_suppression{
    "malformed-suppression", "error", "An inline suppression lacks a rule id or a reason, or names no rule.",
    "Suppressions read `envscan: ignore[rule-id] reason` in a comment, on the line of the finding or the line "
    "before; several ids are separated by commas. A suppression without a reason hides drift without telling "
    "the next reader why. Fix: name the rule and say why.",
    "getenv(\"HAKMEM_X\");  // envscan: ignore", produced_by_the_driver};

const Rule unused_suppression{
    "unused-suppression", "warning", "An inline suppression silences nothing.",
    "A suppression whose rule reports nothing on its line or the next one: the drift it hid is fixed, or it "
    "names the wrong rule. Fix: remove it.",
    "int x = 0;  // envscan: ignore[raw-env-read] bootstrap", produced_by_the_driver};

}  // namespace envscan::rules
