// DEPRECATED.md's status line names the last event on or before "today" and the next
// one, so the document changes exactly when an event passes.
#include <gtest/gtest.h>

#include "test_support.h"

namespace {

class StatusLine : public ::testing::Test {
 protected:
  void SetUp() override {
    bool ok = false;
    in_ = envgen_test::load_acme(diags_, ok);
    ASSERT_TRUE(ok);
  }
  std::string line(int y, int m, int d) { return envgen::status_epoch_line(in_.registry, envkit::Date{y, m, d}); }
  std::vector<envkit::Diagnostic> diags_;
  envgen::Inputs in_;
};

TEST_F(StatusLine, BeforeEveryEvent) {
  EXPECT_EQ(line(2024, 6, 1), "Statuses as of before 2025-01-01; next change on 2025-01-01.");
}

TEST_F(StatusLine, OnAnEventDayThatEventCounts) {
  EXPECT_EQ(line(2026, 1, 1), "Statuses as of 2026-01-01; next change on 2026-07-01.");
}

TEST_F(StatusLine, StableBetweenEvents) {
  EXPECT_EQ(line(2026, 1, 2), line(2026, 6, 30));
  EXPECT_EQ(line(2026, 6, 30), "Statuses as of 2026-01-01; next change on 2026-07-01.");
}

TEST_F(StatusLine, AfterTheLastEvent) {
  EXPECT_EQ(line(2030, 1, 1), "Statuses as of 2026-09-01; no further change is scheduled.");
}

TEST_F(StatusLine, DocumentOnlyChangesWhenAnEventPasses) {
  EXPECT_EQ(envgen::render_deprecated(in_, {2026, 2, 1}), envgen::render_deprecated(in_, {2026, 6, 30}));
  EXPECT_NE(envgen::render_deprecated(in_, {2026, 6, 30}), envgen::render_deprecated(in_, {2026, 7, 1}));
}

TEST_F(StatusLine, AliasStatusFollowsItsSunset) {
  std::string before = envgen::render_deprecated(in_, {2026, 6, 30});
  std::string after = envgen::render_deprecated(in_, {2026, 7, 1});
  EXPECT_NE(before.find("| `ACME_OLD_BATCH` | `ACME_BATCH` | 2026-01-01 | 2026-07-01 | deprecated: honoured"),
            std::string::npos);
  EXPECT_NE(after.find("| `ACME_OLD_BATCH` | `ACME_BATCH` | 2026-01-01 | 2026-07-01 | removed (sunset passed)"),
            std::string::npos);
}

}  // namespace
