package preflight

// The fixtures in ../testdata (scenes, labels, odd-format inputs) are
// rendered by internal/synth; this regenerates them.
//go:generate go test -run ^(TestFixtures|TestToolFixtures)$ -update .
