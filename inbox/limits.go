package inbox

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Limits on what is parsed. A message past one of them is still stored raw
// (it is evidence) but not shown: its ParseError starts with TooComplex and
// NewMail files it as Unparseable, so that an officer looks at it. The MIME
// depth and part limits are maxMIMEDepth and maxMIMEParts in parse.go.
const (
	// DefaultMaxMessageSize is the default of [imap] max_message_size.
	DefaultMaxMessageSize = 25 << 20
	// maxHeaderBytes bounds the header block of the message and of each
	// attached message.
	maxHeaderBytes = 1 << 20
	// TooComplex begins the ParseError of a message past a limit.
	TooComplex = "too large or complex to display: "
)

// parseTimeout is how long parsing one message may take. A variable for tests.
var parseTimeout = 2 * time.Second

// parseStall, when set, runs before a limited parse starts: tests use it to
// stall a parse.
var parseStall func()

// IsTooComplex reports whether a ParseError says that a limit was reached.
func IsTooComplex(parseError string) bool {
	return strings.HasPrefix(parseError, TooComplex) || strings.Contains(parseError, "; "+TooComplex)
}

// ParseLimited is Parse with the limits: a message larger than maxSize bytes
// (0 or less: DefaultMaxMessageSize) is not parsed beyond its header, and a
// parse that takes longer than parseTimeout is abandoned in its goroutine,
// whose late result is discarded, so that a stalled parse cannot stall the
// sync.
func ParseLimited(raw []byte, maxSize int64) Parsed {
	if maxSize <= 0 {
		maxSize = DefaultMaxMessageSize
	}
	timeout, stall := parseTimeout, parseStall
	done := make(chan Parsed, 1) // buffered: a late parse must not block
	deadline := time.Now().Add(timeout)
	go func() {
		if stall != nil {
			stall()
		}
		if int64(len(raw)) > maxSize {
			done <- parseHeaderOnly(raw, maxSize, deadline)
			return
		}
		done <- parse(raw, deadline)
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case p := <-done:
		return p
	case <-timer.C:
		return Parsed{ParseError: TooComplex + "parsing took longer than " + timeout.String()}
	}
}

// parseHeaderOnly parses only the header block of a message larger than
// maxSize, so that it can still be listed by sender and subject.
func parseHeaderOnly(raw []byte, maxSize int64, deadline time.Time) Parsed {
	head := raw[:min(len(raw), maxHeaderBytes+2)]
	var p Parsed
	if end, bodyStart, _ := headerEnd(head); end > 0 {
		p = parse(head[:bodyStart], deadline)
		p.Text = ""
	}
	why := TooComplex + fmt.Sprintf("message larger than %s (%s)", formatSize(maxSize), formatSize(int64(len(raw))))
	if p.ParseError != "" {
		why += "; " + p.ParseError
	}
	p.ParseError = why
	return p
}

// formatSize writes n bytes for people: "25 MB", "812 KB", "17 bytes".
// MB and KB are binary here, as in max_message_size.
func formatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0, n >= 10<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// MaxSize returns [imap] max_message_size in bytes: "" is
// DefaultMaxMessageSize; otherwise a number of bytes, optionally followed by
// KB, MB or GB (binary: 1 MB = 1,048,576 bytes).
func (c Config) MaxSize() (int64, error) {
	s := strings.ToUpper(strings.TrimSpace(c.MaxMessageSize))
	if s == "" {
		return DefaultMaxMessageSize, nil
	}
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 || n > (4<<30)/mult {
		return 0, &FieldError{"max_message_size", fmt.Sprintf("a size from 1 byte to 4 GB such as \"25MB\", not %q", c.MaxMessageSize)}
	}
	return n * mult, nil
}
