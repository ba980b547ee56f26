//go:build cgo && gocv

package preflight

/*
#cgo LDFLAGS: -ldl
#cgo !customenv pkg-config: opencv4
#include <stdlib.h>
#include "imgcodecs_lazy_gocv.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"

	"gocv.io/x/gocv"
)

// errNoImgcodecs says OpenCV's imgcodecs library could not be loaded.
var errNoImgcodecs = errors.New("opencv imgcodecs library not found")

// lazyIMDecode is gocv.IMDecode(data, flags) without linking imgcodecs:
// the library is loaded when the first photo that needs it comes
// (imgcodecs_lazy_gocv.cpp). Like IMDecode, bad data gives an empty Mat;
// a missing library gives an error.
func lazyIMDecode(data []byte, flags gocv.IMReadFlag) (gocv.Mat, error) {
	if len(data) == 0 {
		return gocv.NewMat(), nil
	}
	var d C.pf_decoded
	switch C.pf_lazy_imdecode((*C.uchar)(unsafe.Pointer(&data[0])), C.int(len(data)), C.int(flags), &d) {
	case 1:
		return gocv.NewMat(), errNoImgcodecs
	case 2:
		return gocv.NewMat(), nil
	}
	defer C.pf_lazy_free(&d)
	// imdecode's Mats are continuous: step is the packed row.
	n := int(d.rows) * int(d.step)
	pix := C.GoBytes(unsafe.Pointer(d.data), C.int(n))
	m, err := gocv.NewMatFromBytes(int(d.rows), int(d.cols), gocv.MatType(d._type), pix)
	if err != nil {
		return gocv.NewMat(), fmt.Errorf("copying the decoded image: %w", err)
	}
	return m, nil
}
