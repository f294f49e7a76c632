// Real programs with libhakmem.so preloaded give the same output as without it. Each
// preloaded run sets HAKMEM_PRINT_CONFIG=1 and checks the configuration printed on
// stderr: proof that the library was loaded and initialised in that process.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {

std::string read_all(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool have(const char *program) {
  std::string cmd = std::string("command -v ") + program + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

class RealProgram : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/hakmem_real.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir = tmpl;
  }
  void TearDown() override {
    if (std::system(("rm -rf '" + dir + "'").c_str()) != 0) ADD_FAILURE() << "cannot remove " << dir;
  }

  struct Run {
    int status;
    std::string out, err;
  };

  // Runs `script` with sh in the temporary directory, with or without the allocator.
  Run run(const std::string &script, bool preload) {
    std::string tag = preload ? "hak" : "sys";
    std::ofstream(dir + "/script." + tag + ".sh") << script;
    std::string env = preload ? "LD_PRELOAD=" HAKMEM_LIBRARY_PATH " HAKMEM_PRINT_CONFIG=1 " : "";
    std::string cmd = "cd '" + dir + "' && " + env + "sh script." + tag + ".sh >out." + tag + " 2>err." + tag;
    Run r;
    r.status = std::system(cmd.c_str());
    r.out = read_all(dir + "/out." + tag);
    r.err = read_all(dir + "/err." + tag);
    return r;
  }

  void expect_same_output(const std::string &script) {
    Run sys = run(script, false);
    Run hak = run(script, true);
    ASSERT_EQ(sys.status, 0) << sys.err;
    EXPECT_EQ(hak.status, 0) << hak.err.substr(0, 2000);
    EXPECT_FALSE(sys.out.empty());
    EXPECT_TRUE(hak.out == sys.out) << "outputs differ (" << hak.out.size() << " vs " << sys.out.size()
                                    << " bytes); preloaded output starts:\n" << hak.out.substr(0, 500);
    EXPECT_NE(hak.err.find("HAKMEM_PRINT_CONFIG=true"), std::string::npos) << "library not in use";
    EXPECT_EQ(sys.err.find("HAKMEM_PRINT_CONFIG"), std::string::npos);
  }

  std::string dir;
};

}  // namespace

TEST_F(RealProgram, Python3WithTheCMalloc) {
  if (!have("python3")) GTEST_SKIP() << "python3 is not installed";
  expect_same_output(R"(PYTHONMALLOC=malloc python3 - <<'EOF'
import hashlib, json, random, re, threading
random.seed(7)
d = {}
for i in range(60000):
    d[str(i)] = [i, str(i) * (i % 17), {"k": i % 7}]
blob = json.dumps(d)
back = json.loads(blob)
words = re.findall(r"[0-9]+", blob[:2000000])
words.sort(key=lambda w: (len(w), w))
out = []
def work(k):
    out.append(sum(len(str(x)) for x in range(k * 20000, (k + 1) * 20000)))
ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
[t.start() for t in ts]
[t.join() for t in ts]
print(len(back), len(words), sorted(out))
print(hashlib.sha256(blob.encode()).hexdigest())
EOF
)");
}

TEST_F(RealProgram, GitLogAndFsckOnARealRepository) {
  if (!have("git")) GTEST_SKIP() << "git is not installed";
  // the repository is built without the allocator, then read with and without it
  int rc = std::system(("cd '" + dir + "' && git init -q repo && cd repo && "
                        "git config user.email t@example.org && git config user.name T && "
                        "for i in $(seq 1 40); do seq 1 $((i * 500)) > f$((i % 7)).txt; "
                        "git add -A && git commit -qm \"change $i\"; done").c_str());
  ASSERT_EQ(rc, 0);
  expect_same_output("cd repo && git log --stat --format='%H %s' && git fsck --full --strict && "
                     "git gc -q && git count-objects -v | grep -v size");
}

TEST_F(RealProgram, GccCompilesAndTheProgramRuns) {
  if (!have("gcc")) GTEST_SKIP() << "gcc is not installed";
  std::ofstream(dir + "/prog.c") << R"(#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct node { struct node *next; char name[40]; int v; };
int main(void) {
  struct node *head = NULL;
  for (int i = 0; i < 100000; i++) {
    struct node *n = malloc(sizeof *n);
    n->v = i * 7 % 1000;
    snprintf(n->name, sizeof n->name, "node-%d", i);
    n->next = head;
    head = n;
  }
  long sum = 0;
  while (head) { struct node *n = head; head = n->next; sum += n->v + (long)strlen(n->name); free(n); }
  printf("%ld\n", sum);
  return 0;
}
)";
  expect_same_output("gcc -O2 -Wall -o prog.$$ prog.c && ./prog.$$ && gcc -O0 -S -o - prog.c | grep -c call");
}

TEST_F(RealProgram, Sqlite3OnAGeneratedDatabase) {
  if (!have("sqlite3")) GTEST_SKIP() << "sqlite3 is not installed";
  expect_same_output(R"(rm -f db.$$ && sqlite3 db.$$ <<'EOF'
CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, grp INTEGER, payload BLOB);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 60000)
INSERT INTO t SELECT x, 'name-' || x, x % 97, zeroblob(x % 300) FROM c;
CREATE INDEX t_grp ON t(grp, name);
SELECT grp, count(*), sum(length(payload)), min(name), max(name) FROM t GROUP BY grp ORDER BY grp LIMIT 20;
SELECT count(DISTINCT name) FROM t;
SELECT group_concat(id) FROM (SELECT id FROM t WHERE name LIKE '%777%' ORDER BY id);
EOF
)");
}

TEST_F(RealProgram, SortOfALargeGeneratedFile) {
  if (!have("sort")) GTEST_SKIP() << "sort is not installed";
  int rc = std::system(("cd '" + dir + "' && awk 'BEGIN { srand(3); for (i = 0; i < 200000; i++) "
                        "printf \"%08d %s\\n\", int(rand() * 1e8), substr(\"abcdefghijklmnopqrstuvwxyz\", 1 + i % 26) }' > big.txt").c_str());
  ASSERT_EQ(rc, 0);
  expect_same_output("sort -S 64M big.txt | md5sum && sort -k2,2 -k1,1n --parallel=2 big.txt | md5sum && "
                     "sort -u -k2,2 big.txt | wc -l");
}
