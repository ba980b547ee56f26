package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// smallJPEG is a tiny distinct photo; batch tests care about plumbing, not
// about what the checker finds in it.
func smallJPEG(t *testing.T, i int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64+i, 48))
	for p := range img.Pix {
		img.Pix[p] = uint8(p*7 + i*13)
	}
	img.Set(0, 0, color.White)
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}))
	return buf.Bytes()
}

// batchMembers is n photos plus one corrupt member.
func batchMembers(t *testing.T, n int) map[string][]byte {
	m := map[string][]byte{}
	for i := range n {
		m[fmt.Sprintf("scans/%03d.jpg", i)] = smallJPEG(t, i)
	}
	m["scans/broken.jpg"] = []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F'} // truncated
	return m
}

func sortedNames(m map[string][]byte) []string {
	var names []string
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

func writeZip(t *testing.T, path string, members map[string][]byte) {
	f, err := os.Create(path)
	require.NoError(t, err)
	zw := zip.NewWriter(f)
	for _, name := range sortedNames(members) {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write(members[name])
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())
}

func writeTarGz(t *testing.T, path string, members map[string][]byte) {
	f, err := os.Create(path)
	require.NoError(t, err)
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	for _, name := range sortedNames(members) {
		require.NoError(t, tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(members[name])), Typeflag: tar.TypeReg}))
		_, err := tw.Write(members[name])
		require.NoError(t, err)
	}
	require.NoError(t, tw.Close())
	require.NoError(t, gz.Close())
	require.NoError(t, f.Close())
}

// records parses NDJSON output into file → read_error ("" when checked).
func records(t *testing.T, out []byte) map[string]string {
	t.Helper()
	got := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			File string `json:"file"`
			Err  string `json:"read_error"`
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &r), sc.Text())
		_, dup := got[r.File]
		require.False(t, dup, "file recorded twice: %s", r.File)
		got[r.File] = r.Err
	}
	return got
}

func TestCheckArchivesWithCorruptMember(t *testing.T) {
	dir := t.TempDir()
	members := batchMembers(t, 6)
	zipPath, tgzPath := filepath.Join(dir, "a.zip"), filepath.Join(dir, "b.tar.gz")
	writeZip(t, zipPath, members)
	writeTarGz(t, tgzPath, members)
	var stdout, stderr bytes.Buffer
	err := run([]string{"check", "--format", "ndjson", "--jobs", "2", zipPath, tgzPath}, nil, &stdout, &stderr)
	assert.Equal(t, exitUsage, exitCode(err, &stderr), "a corrupt member makes the batch exit 2")
	got := records(t, stdout.Bytes())
	assert.Len(t, got, 2*len(members), "every member of both archives is recorded, the batch went on")
	for _, archive := range []string{zipPath, tgzPath} {
		assert.Contains(t, got[archive+":scans/broken.jpg"], "corrupt")
		assert.Empty(t, got[archive+":scans/000.jpg"])
	}
	assert.Contains(t, stderr.String(), "checked 14")
}

func TestCheckShardsPartitionTheInput(t *testing.T) {
	dir := t.TempDir()
	members := batchMembers(t, 20)
	zipPath := filepath.Join(dir, "a.zip")
	writeZip(t, zipPath, members)
	var all bytes.Buffer
	_ = run([]string{"check", "--format", "ndjson", zipPath}, nil, &all, &bytes.Buffer{})
	whole := records(t, all.Bytes())
	union := map[string]string{}
	for k := range 3 {
		var out bytes.Buffer
		_ = run([]string{"check", "--format", "ndjson", "--shard", fmt.Sprintf("%d/3", k), zipPath}, nil, &out, &bytes.Buffer{})
		part := records(t, out.Bytes())
		assert.NotEmpty(t, part, "shard %d/3 of 21 files is not empty", k)
		for f, e := range part {
			_, dup := union[f]
			assert.False(t, dup, "%s in two shards", f)
			union[f] = e
		}
	}
	assert.Equal(t, whole, union)
}

func TestCheckShardFlagValidation(t *testing.T) {
	for _, bad := range []string{"3/3", "-1/2", "1", "a/b", "0/0"} {
		err := run([]string{"check", "--shard", bad, "x.jpg"}, nil, &bytes.Buffer{}, &bytes.Buffer{})
		assert.Equal(t, exitUsage, exitCode(err, &bytes.Buffer{}), bad)
	}
}

func TestCheckResumeAfterKill(t *testing.T) {
	dir := t.TempDir()
	members := batchMembers(t, 8)
	for name, b := range members {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, b, 0o644))
	}
	scans := filepath.Join(dir, "scans")
	var full bytes.Buffer
	_ = run([]string{"check", "--format", "ndjson", scans}, nil, &full, &bytes.Buffer{})
	lines := strings.SplitAfter(full.String(), "\n")
	// A run killed after 3 records, in the middle of writing the 4th.
	out := filepath.Join(dir, "out.ndjson")
	killed := strings.Join(lines[:3], "") + lines[3][:len(lines[3])/2]
	require.NoError(t, os.WriteFile(out, []byte(killed), 0o644))

	var stderr bytes.Buffer
	_ = run([]string{"check", "--format", "ndjson", "--resume", out, scans}, nil, &bytes.Buffer{}, &stderr)
	assert.Contains(t, stderr.String(), "3 already recorded")
	resumed, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, records(t, full.Bytes()), records(t, resumed), "nothing lost, nothing checked twice")
	assert.Equal(t, fileOrder(full.String()), fileOrder(string(resumed)), "a sorted resume keeps the input order")

	// Resuming a complete file checks nothing.
	stderr.Reset()
	_ = run([]string{"check", "--format", "ndjson", "--resume", out, scans}, nil, &bytes.Buffer{}, &stderr)
	assert.Contains(t, stderr.String(), "checked 0")
	again, _ := os.ReadFile(out)
	assert.Equal(t, resumed, again)
}

func TestCheckResumeRefusesForeignFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "notes.ndjson")
	require.NoError(t, os.WriteFile(p, []byte("hello\n"), 0o644))
	err := run([]string{"check", "--format", "ndjson", "--resume", p, "x.jpg"}, nil, &bytes.Buffer{}, &bytes.Buffer{})
	assert.Equal(t, exitUsage, exitCode(err, &bytes.Buffer{}))
	b, _ := os.ReadFile(p)
	assert.Equal(t, "hello\n", string(b), "a file that is not ours is left alone")
}

func TestCheckUnsortedStreamsSameRecords(t *testing.T) {
	dir := t.TempDir()
	members := batchMembers(t, 10)
	zipPath := filepath.Join(dir, "a.zip")
	writeZip(t, zipPath, members)
	var a, b bytes.Buffer
	_ = run([]string{"check", "--format", "ndjson", "--jobs", "3", zipPath}, nil, &a, &bytes.Buffer{})
	_ = run([]string{"check", "--format", "ndjson", "--jobs", "3", "--sort=false", zipPath}, nil, &b, &bytes.Buffer{})
	assert.Equal(t, records(t, a.Bytes()), records(t, b.Bytes()))
}

func TestCheckCSVAndGlob(t *testing.T) {
	dir := t.TempDir()
	for i := range 3 {
		require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%d.jpg", i)), smallJPEG(t, i), 0o644))
	}
	var out bytes.Buffer
	_ = run([]string{"check", "--format", "csv", filepath.Join(dir, "p*.jpg")}, nil, &out, &bytes.Buffer{})
	rows := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, rows, 4)
	assert.True(t, strings.HasPrefix(rows[0], "file,valid,error_code"))
	assert.Contains(t, rows[1], "p0.jpg")
}

func TestCheckSmallMemoryBudgetStillFinishes(t *testing.T) {
	dir := t.TempDir()
	members := batchMembers(t, 6)
	zipPath := filepath.Join(dir, "a.zip")
	writeZip(t, zipPath, members)
	var out bytes.Buffer
	_ = run([]string{"check", "--format", "ndjson", "--jobs", "4", "--max-memory", "64", zipPath}, nil, &out, &bytes.Buffer{})
	assert.Len(t, records(t, out.Bytes()), len(members))
}

// fileOrder lists the "file" fields of NDJSON lines in order.
func fileOrder(ndjson string) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(ndjson), "\n") {
		var r struct {
			File string `json:"file"`
		}
		if json.Unmarshal([]byte(line), &r) == nil {
			out = append(out, r.File)
		}
	}
	return out
}
