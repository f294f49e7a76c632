// The allocator's own inventory, compared with a committed golden file.
//
// Regenerate after an intended change (from the repository root):
//   build/tools/envscan/envscan --today 2026-11-25 allocator/ > tests/envscan/golden/allocator.inventory.json
#include <gtest/gtest.h>

#include <filesystem>

#include "run_envscan.h"

namespace {

TEST(Golden, AllocatorInventory) {
  const std::string golden = std::string(ENVSCAN_REPO) + "/tests/envscan/golden/allocator.inventory.json";
  ASSERT_TRUE(std::filesystem::exists(golden))
      << "no golden inventory; create it with the command at the top of golden_test.cpp";
  RunResult r = run_envscan({"--today", "2026-11-25", "-j", "2", std::string(ENVSCAN_REPO) + "/allocator"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, slurp(golden))
      << "the allocator's inventory changed; if intended, regenerate the golden file (see golden_test.cpp)";
}

}  // namespace
