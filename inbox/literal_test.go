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
		{"announces 200 MiB, sends ten bytes", 200 << 20, body[:10], maxPrealloc + 1, true},
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
	broken := io.MultiReader(bytes.NewReader(body[:100]), errReader{})
	if _, err := readLiteral(literal{broken, int64(len(body))}); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("a literal cut short: error %v, want it passed on", err)
	}
}

// errReader fails every read with io.ErrUnexpectedEOF.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

// TestReadLiteralRefusesHuge: a literal announced larger than
// MaxRawMessage is refused before a byte of it is read.
func TestReadLiteralRefusesHuge(t *testing.T) {
	r := &countingReader{}
	got, err := readLiteral(literal{r, MaxRawMessage + 1})
	if err == nil || got != nil || r.reads != 0 {
		t.Fatalf("readLiteral of a %d-byte literal: %d bytes, %v, %d reads; want a refusal, unread", MaxRawMessage+1, len(got), err, r.reads)
	}
}

// countingReader counts its reads and returns zeros.
type countingReader struct{ reads int }

func (r *countingReader) Read(b []byte) (int, error) {
	r.reads++
	clear(b)
	return len(b), nil
}
