package inbox

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// partSplitter finds the parts of a multipart body at byte offsets,
// deciding every case exactly as go-message's textproto.MultipartReader:
// its 4096-byte line limit outside parts, the switch to bare-LF delimiters
// when the first one ends so, the delimiter's line break belonging to the
// delimiter, a body cut short at the end of the input, and the errors it
// returns, word for word. Parse reads parts with it in place rather than
// copying each out of that reader; RemoveAttachment needs the offsets.
type partSplitter struct {
	b         []byte
	pos       int
	partsRead int
	nl        []byte // "\r\n", or "\n" after the first delimiter line ends so
	nlDash    []byte // nl + "--" + boundary
	dash      []byte // "--" + boundary
	dashDash  []byte // "--" + boundary + "--"

	// The parts' headers are read through one buffer.
	hr bytes.Reader
	hb *bufio.Reader
}

// splitPart is one part: header from start, body [dataStart, dataEnd).
type splitPart struct {
	header                    textproto.Header
	start, dataStart, dataEnd int
	truncated                 bool // no delimiter after the body: the input ended
}

// multipartLineMax is the size of MultipartReader's read buffer: a line
// between parts that is longer makes it fail.
const multipartLineMax = 4096

func newPartSplitter(b []byte, boundary string) *partSplitter {
	d := []byte("\r\n--" + boundary + "--")
	return &partSplitter{b: b, nl: d[:2], nlDash: d[:len(d)-2], dash: d[2 : len(d)-2], dashDash: d[2:]}
}

// exactSplit reports whether a partSplitter for boundary finds the same
// bodies as MultipartReader. With a line break in the boundary (possible
// through RFC 2231 escapes) that reader's bodies depend on where its buffer
// happens to end.
func exactSplit(boundary string) bool {
	return !strings.ContainsAny(boundary, "\r\n")
}

// readLine returns the next line with its '\n', as bufio.Reader.ReadSlice
// does on a buffer of multipartLineMax bytes.
func (s *partSplitter) readLine() ([]byte, error) {
	rest := s.b[s.pos:]
	look := rest
	if len(look) > multipartLineMax {
		look = look[:multipartLineMax]
	}
	if i := bytes.IndexByte(look, '\n'); i >= 0 {
		s.pos += i + 1
		return rest[:i+1], nil
	}
	if len(rest) >= multipartLineMax {
		return nil, bufio.ErrBufferFull
	}
	s.pos = len(s.b)
	return rest, io.EOF
}

// next returns the next part; io.EOF after the last one, and MultipartReader's
// error where it would fail.
func (s *partSplitter) next() (splitPart, error) {
	if len(s.dash) == 2 {
		return splitPart{}, errors.New("multipart: boundary is empty")
	}
	expectNew := false
	for {
		line, err := s.readLine()
		if err == io.EOF && s.isFinal(line) {
			return splitPart{}, io.EOF
		}
		if err != nil {
			return splitPart{}, fmt.Errorf("multipart: NextPart: %v", err)
		}
		if s.isDelimiter(line) {
			s.partsRead++
			return s.part()
		}
		if s.isFinal(line) {
			return splitPart{}, io.EOF
		}
		if expectNew {
			return splitPart{}, fmt.Errorf("multipart: expecting a new Part; got line %q", string(line))
		}
		if s.partsRead == 0 {
			continue // preamble
		}
		if bytes.Equal(line, s.nl) {
			expectNew = true
			continue
		}
		return splitPart{}, fmt.Errorf("multipart: unexpected line in Next(): %q", line)
	}
}

// part reads the header and finds the body of the part starting at s.pos.
func (s *partSplitter) part() (splitPart, error) {
	p := splitPart{start: s.pos}
	s.hr.Reset(s.b[s.pos:])
	if s.hb == nil {
		s.hb = bufio.NewReaderSize(&s.hr, multipartLineMax)
	} else {
		s.hb.Reset(&s.hr)
	}
	h, err := textproto.ReadHeader(s.hb)
	if err != nil {
		return splitPart{}, err
	}
	p.header = h
	p.dataStart = len(s.b) - s.hr.Len() - s.hb.Buffered()
	p.dataEnd, p.truncated = s.bodyEnd(p.dataStart)
	s.pos = p.dataEnd
	return p, nil
}

// bodyEnd finds where the body starting at ds ends: before the next
// delimiter, or at the end of the input less a trailing start of one.
func (s *partSplitter) bodyEnd(ds int) (end int, truncated bool) {
	rest := s.b[ds:]
	cur := 0
	if bytes.HasPrefix(rest, s.dash) {
		if delimiterEnds(rest, len(s.dash)) {
			return ds, false
		}
		cur = len(s.dash)
	} else if bytes.HasPrefix(s.dash, rest) {
		return ds, true
	}
	for {
		i := bytes.Index(rest[cur:], s.nlDash)
		if i < 0 {
			break
		}
		i += cur
		if delimiterEnds(rest, i+len(s.nlDash)) {
			return ds + i, false
		}
		cur = i + len(s.nlDash)
	}
	if j := bytes.LastIndexByte(rest, s.nl[0]); j >= cur && bytes.HasPrefix(s.nlDash, rest[j:]) {
		return ds + j, true
	}
	return len(s.b), true
}

// delimiterEnds reports whether the boundary ending at b[i] is one: it is
// followed by white space, a line break, '-' or the end of the input.
func delimiterEnds(b []byte, i int) bool {
	if i == len(b) {
		return true
	}
	switch b[i] {
	case ' ', '\t', '\r', '\n', '-':
		return true
	}
	return false
}

func (s *partSplitter) isFinal(line []byte) bool {
	if !bytes.HasPrefix(line, s.dashDash) {
		return false
	}
	rest := bytes.TrimLeft(line[len(s.dashDash):], " \t")
	return len(rest) == 0 || bytes.Equal(rest, s.nl)
}

func (s *partSplitter) isDelimiter(line []byte) bool {
	if !bytes.HasPrefix(line, s.dash) {
		return false
	}
	rest := bytes.TrimLeft(line[len(s.dash):], " \t")
	if s.partsRead == 0 && len(rest) == 1 && rest[0] == '\n' {
		s.nl = s.nl[1:]
		s.nlDash = s.nlDash[1:]
	}
	return bytes.Equal(rest, s.nl)
}

// partReader yields the parts of a multipart body as Parse reads them: in
// place with a partSplitter, or copied out of a MultipartReader for a
// boundary the splitter does not read exactly.
type partReader struct {
	b     []byte
	split *partSplitter
	mr    *textproto.MultipartReader
}

func newPartReader(b []byte, boundary string) partReader {
	if exactSplit(boundary) {
		return partReader{b: b, split: newPartSplitter(b, boundary)}
	}
	return partReader{mr: textproto.NewMultipartReader(bytes.NewReader(b), boundary)}
}

// next returns the next part's header and body, and whether the input ended
// inside it; io.EOF after the last part.
func (r partReader) next() (h textproto.Header, data []byte, truncated bool, err error) {
	if r.split != nil {
		p, err := r.split.next()
		if err != nil {
			return h, nil, false, err
		}
		return p.header, r.b[p.dataStart:p.dataEnd], p.truncated, nil
	}
	part, err := r.mr.NextPart()
	if err != nil {
		return h, nil, false, err
	}
	data, err = io.ReadAll(part)
	return part.Header, data, err != nil, nil
}
