package cascade

import (
	_ "embed"
	"sync"
)

// frontalFaceBin is OpenCV 4.6's lbpcascade_frontalface_improved.xml
// (Puttemans, Ergun, Goedemé, VISAPP 2017; BSD-3-Clause, see NOTICE.md),
// from Debian's opencv-data 4.6.0+dfsg-12, converted to the compact form
// of MarshalBinary by `go generate` (the XML stays beside it as the
// source). It is embedded so the wasm build carries it.
//
//go:generate go run ./cmd/cascade2bin -o lbpcascade_frontalface_improved.bin lbpcascade_frontalface_improved.xml
//go:embed lbpcascade_frontalface_improved.bin
var frontalFaceBin []byte

// frontalFace decodes the embedded cascade once; the result is immutable.
var frontalFace = sync.OnceValue(func() *Cascade {
	c, err := Decode(frontalFaceBin)
	if err != nil {
		panic("cascade: embedded frontal-face cascade: " + err.Error()) // a build defect, caught by the tests
	}
	return c
})

// FrontalFace returns OpenCV's improved LBP frontal-face cascade (45×45
// window). The same *Cascade is returned on every call; it is safe for
// concurrent use.
func FrontalFace() *Cascade { return frontalFace() }
