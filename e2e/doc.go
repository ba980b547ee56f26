// Package e2e holds the end-to-end tests of the capture page in headless
// Chromium, behind the e2e build tag because they need Chromium and the
// built WebAssembly engine: run them with `make test-e2e`, which builds
// both first.
//
// The camera test feeds Chromium's fake camera a .y4m video rendered by
// internal/synth (a document entering the frame, under a glare, then held
// steady) and expects the page to capture both sides by itself and to POST
// a payload whose JPEGs are under 2 MB and pass the native check. The file
// test chooses a rejected photo through the file input and expects the
// reason on screen. Each test saves a screenshot of every state it passes
// through, and of the page when it fails, in its artifact directory: kept
// under -outputdir with `go test -artifacts`, else removed with the
// test's temp files.
package e2e
