package register

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// benchRows is the size of the register the benchmarks run against.
const benchRows = 1_000_000

// sampleFile writes the sample register of n rows into dir and returns
// its path.
func sampleFile(b *testing.B, dir string, n int) string {
	b.Helper()
	path := filepath.Join(dir, "customers.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := writeSampleRegister(f, n); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// importSample imports the file at path into a new database in dir.
func importSample(b *testing.B, dir, path string) (*DB, ImportResult) {
	b.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(dir, "data", "dsrdesk.db"))
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	res, err := db.ImportCustomers(ctx, f, "customers.csv", false)
	if err != nil {
		b.Fatal(err)
	}
	return db, res
}

// BenchmarkImport imports the sample register of 1,000,000 rows into an
// empty database: run it with -benchtime 1x.
func BenchmarkImport(b *testing.B) {
	path := sampleFile(b, b.TempDir(), benchRows)
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		b.StartTimer()
		db, res := importSample(b, dir, path)
		b.StopTimer()
		if res.Added != benchRows {
			b.Fatalf("added %d of %d", res.Added, benchRows)
		}
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(benchRows), "rows")
}
