//go:build !js

// The go tool cannot run under js/wasm; the native test runs cover it.

package preflight

import (
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const gocvPath = "gocv.io/x/gocv"

// goListDeps returns the dependencies of the module's packages for the
// given build tags and environment.
func goListDeps(t *testing.T, env []string, tags string) []string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "the go tool must be on PATH")
	args := []string{"list", "-deps"}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	cmd := exec.Command(goTool, append(args, "./...")...)
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return strings.Fields(string(out))
}

// TestBuildDeps proves the engine selection by build tag: GoCV is linked
// only into the gocv build, never into the default or the wasm build.
func TestBuildDeps(t *testing.T) {
	cases := []struct {
		name     string
		env      []string
		tags     string
		wantGoCV bool
	}{
		{"default", nil, "", false},
		{"no cgo with gocv tag", []string{"CGO_ENABLED=0"}, "gocv", false},
		{"wasm with gocv tag", []string{"GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0"}, "gocv", false},
		{"gocv", []string{"CGO_ENABLED=1"}, "gocv", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			deps := goListDeps(t, tc.env, tc.tags)
			assert.Equal(t, tc.wantGoCV, slices.Contains(deps, gocvPath))
		})
	}
}

// TestTaggedImports checks every Go file of the module: only files whose
// build constraint requires the gocv tag import GoCV, and only files under
// wasm/ import syscall/js.
func TestTaggedImports(t *testing.T) {
	root := ".."
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		n++
		rel, _ := filepath.Rel(root, path)
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			switch {
			case p == gocvPath || strings.HasPrefix(p, gocvPath+"/"):
				assert.True(t, needsTag(f.Comments, "gocv"), "%s imports GoCV without requiring the gocv build tag", rel)
			case p == "syscall/js":
				assert.True(t, strings.HasPrefix(filepath.ToSlash(rel), "wasm/"), "%s imports syscall/js outside wasm/", rel)
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, n, 20, "the walk must see the module's files")
}

// needsTag reports whether the file's //go:build line is false whenever
// tag is unset.
func needsTag(groups []*ast.CommentGroup, tag string) bool {
	for _, g := range groups {
		for _, c := range g.List {
			if !constraint.IsGoBuild(c.Text) {
				continue
			}
			expr, err := constraint.Parse(c.Text)
			if err != nil {
				return false
			}
			return !expr.Eval(func(t string) bool { return t != tag })
		}
	}
	return false
}
