// Package preflight tells, before an ID-document photo is uploaded to the
// OCR / proof-of-life endpoint, whether that endpoint would reject it with
// one of its codes 818–829, and explains why.
//
//	rep, err := preflight.CheckFile("front.jpg", preflight.WithSide(preflight.Front))
//	if err != nil {
//		return err // unreadable or unsupported input, or a bad option
//	}
//	if !rep.Valid {
//		fmt.Println(rep.ErrorCode, rep.Error) // what the endpoint would answer
//	}
//
// A rejected photo is data in the Report, never an error. Errors are for
// misuse and unreadable input and wrap the sentinel errors of this package.
//
// Two engines implement the pixel work: a pure-Go engine (the default, and
// the only one in the WebAssembly build) and an OpenCV engine through
// GoCV, chosen at build time with the tag "gocv" (cgo required). Both run
// the same Go document detector (straight lines grouped into outlines,
// scored and ranked); the OpenCV engine adds outlines from OpenCV contours
// to its hypotheses and decodes, warps and finds faces with OpenCV.
package preflight
