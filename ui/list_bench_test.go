package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
	"github.com/charmbracelet/colorprofile"
)

// benchFile is the database of the list benchmarks: 1,000,000 register
// entries and 100,000 open cases, made once by register.FillSample in a
// folder under the temporary directory (dsrdesk-listbench-*), which the
// benchmark leaves behind for the next run's figures to be comparable;
// remove it by hand.
var (
	benchFile string
	benchOnce sync.Once
)

// benchDatabase returns the path of the benchmarks' database.
func benchDatabase(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dsrdesk-listbench-")
		if err != nil {
			b.Fatal(err)
		}
		os.Chmod(dir, 0o700)
		path := filepath.Join(dir, "bench.db")
		db, err := register.Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		if err := db.FillSample(context.Background(), 1_000_000, 100_000); err != nil {
			b.Fatal(err)
		}
		benchFile = path
	})
	if benchFile == "" {
		b.Fatal("the benchmark database could not be made")
	}
	return benchFile
}

// TestBenchScreenDB is a helper for .ci/bench-screen, skipped unless
// DSRDESK_BENCH_DB is set: it makes the benchmarks' database (1,000,000
// register entries, 100,000 open cases, by register.FillSample) at the
// path DSRDESK_BENCH_DB, a new file in a private folder.
func TestBenchScreenDB(t *testing.T) {
	path := os.Getenv("DSRDESK_BENCH_DB")
	if path == "" {
		t.Skip("for .ci/bench-screen: set DSRDESK_BENCH_DB")
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatalf("%s exists: want a new file", path)
	}
	ctx := context.Background()
	db, err := register.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.FillSample(ctx, 1_000_000, 100_000); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a terminal's output as the renderer writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

// BenchmarkFirstFrame is the start of the TUI on 100,000 cases and
// 1,000,000 register entries: open the database, read the first window of
// the list and its figures, draw the 80×24 screen.
func BenchmarkFirstFrame(b *testing.B) {
	path := benchDatabase(b)
	ctx := context.Background()
	for b.Loop() {
		db, err := register.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		m := newModel(ctx, Options{DB: db, Source: "bench"})
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		m.Update(m.loadList()())
		if v := m.View().Content; len(v) == 0 || len(m.list.page.cases) == 0 {
			b.Fatal("no list drawn")
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// BenchmarkCursorMove is one j on the list of 100,000 cases: the update
// and the new screen, then the bytes the real Bubble Tea renderer writes
// to an 80×24 terminal for it (bytes/move).
func BenchmarkCursorMove(b *testing.B) {
	path := benchDatabase(b)
	ctx := context.Background()
	db, err := register.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	m := newModel(ctx, Options{DB: db, Source: "bench"})
	m.reloadEvery = 0
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(m.loadList()())
	j := tea.KeyPressMsg{Code: 'j', Text: "j"}
	k := tea.KeyPressMsg{Code: 'k', Text: "k"}
	i := 0
	for b.Loop() {
		key := j
		if i%40 >= 20 {
			key = k // stay within the window read: a move that reads is a separate case
		}
		i++
		_, cmd := m.Update(key)
		if cmd != nil {
			m.Update(cmd())
		}
		_ = m.View()
	}
	b.StopTimer()

	// The terminal's bytes per move, from the real renderer.
	out := &syncBuffer{}
	in, inw, err := os.Pipe()
	if err != nil {
		b.Fatal(err)
	}
	defer inw.Close()
	m2 := newModel(ctx, Options{DB: db, Source: "bench"})
	p := tea.NewProgram(m2, tea.WithInput(in), tea.WithOutput(out), tea.WithWindowSize(80, 24),
		tea.WithColorProfile(colorprofile.ANSI256), tea.WithoutSignals())
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	settle := func() int {
		for last := -1; ; {
			time.Sleep(100 * time.Millisecond)
			if n := out.Len(); n == last {
				return n
			} else {
				last = n
			}
		}
	}
	start := settle()
	const moves = 10
	for range moves {
		p.Send(j)
		time.Sleep(40 * time.Millisecond)
	}
	end := settle()
	p.Quit()
	<-done
	b.ReportMetric(float64(end-start)/moves, "bytes/move")
}
