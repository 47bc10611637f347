package inbox

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// literal is an imap.LiteralReader announcing size whatever it holds.
type literal struct {
	io.Reader
	size int64
}

func (l literal) Size() int64 { return l.size }

// TestReadLiteral: a literal is read whole into one buffer of its
// announced size, but an announcement is not trusted for more than
// maxPrealloc; a literal that ends short of its size was cut.
func TestReadLiteral(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789"), 3000)
	for _, tc := range []struct {
		name    string
		size    int64
		data    []byte
		maxCap  int
		wantErr bool
	}{
		{"exact", int64(len(body)), body, len(body) + 1, false},
		{"empty", 0, []byte{}, 1, false},
		{"announces a terabyte, sends ten bytes", 1 << 40, body[:10], maxPrealloc + 1, true},
		{"announces less than it sends", 5, body, 2 * len(body), false},
		{"negative size", -1, body[:10], 1 << 10, false},
	} {
		got, err := readLiteral(literal{bytes.NewReader(tc.data), tc.size})
		if !bytes.Equal(got, tc.data) || (err != nil) != tc.wantErr {
			t.Errorf("%s: %d bytes, %v; want the %d bytes sent, an error: %v", tc.name, len(got), err, len(tc.data), tc.wantErr)
		}
		if tc.wantErr && !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("%s: error %v, want io.ErrUnexpectedEOF", tc.name, err)
		}
		if cap(got) > tc.maxCap {
			t.Errorf("%s: buffer of %d bytes, want at most %d", tc.name, cap(got), tc.maxCap)
		}
	}
	broken := io.MultiReader(bytes.NewReader(body[:100]), iotestErrReader{})
	if _, err := readLiteral(literal{broken, int64(len(body))}); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("a literal cut short: error %v, want it passed on", err)
	}
}

// iotestErrReader fails every read with io.ErrUnexpectedEOF.
type iotestErrReader struct{}

func (iotestErrReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }
