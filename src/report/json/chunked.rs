//! Long arrays of the JSON report, serialized a chunk of items per thread while the
//! chunks before are written out in item order: the bytes one thread would write, in
//! about one thread's share of the time, with only a few chunks in memory at once.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread;

use crate::engine::threads;

use super::pretty::item_break;

/// Items `0..n` of an array, standing `depth` levels deep, handed to the threads
/// `per_chunk` items at a time; `item(buf, depth, i)` writes item `i`.
pub fn write_items<W, F>(
    out: &mut W,
    depth: usize,
    n: usize,
    per_chunk: usize,
    item: F,
) -> io::Result<()>
where
    W: Write + ?Sized,
    F: Fn(&mut Vec<u8>, usize, usize) -> io::Result<()> + Sync,
{
    let chunks = Chunks {
        depth,
        n,
        per_chunk: per_chunk.max(1),
    };
    let workers = threads().min(chunks.count());
    if workers <= 1 {
        chunks.write_in_turn(out, &item)
    } else {
        chunks.write_in_parallel(out, workers, &item)
    }
}

/// The items of an array, `per_chunk` to a chunk, each standing `depth` levels deep.
#[derive(Clone, Copy)]
struct Chunks {
    depth: usize,
    n: usize,
    per_chunk: usize,
}

/// A finished chunk, or why it could not be serialized.
type Chunk = io::Result<Vec<u8>>;

impl Chunks {
    fn count(self) -> usize {
        self.n.div_ceil(self.per_chunk)
    }

    fn items(self, chunk: usize) -> Range<usize> {
        let start = chunk * self.per_chunk;
        start..(start + self.per_chunk).min(self.n)
    }

    fn fill<F>(self, buf: &mut Vec<u8>, chunk: usize, item: &F) -> io::Result<()>
    where
        F: Fn(&mut Vec<u8>, usize, usize) -> io::Result<()>,
    {
        buf.clear();
        for i in self.items(chunk) {
            item_break(buf, i == 0, self.depth);
            item(buf, self.depth, i)?;
        }
        Ok(())
    }

    fn write_in_turn<W, F>(self, out: &mut W, item: &F) -> io::Result<()>
    where
        W: Write + ?Sized,
        F: Fn(&mut Vec<u8>, usize, usize) -> io::Result<()>,
    {
        let mut buf = Vec::new();
        for c in 0..self.count() {
            self.fill(&mut buf, c, item)?;
            out.write_all(&buf)?;
        }
        Ok(())
    }

    /// Chunk `c` goes to worker `c % workers`, so each worker's chunks come in order on
    /// its own channel and the writer takes them round the workers.
    fn write_in_parallel<W, F>(self, out: &mut W, workers: usize, item: &F) -> io::Result<()>
    where
        W: Write + ?Sized,
        F: Fn(&mut Vec<u8>, usize, usize) -> io::Result<()> + Sync,
    {
        thread::scope(|scope| {
            let mut lanes = Vec::with_capacity(workers);
            for worker in 0..workers {
                // One chunk waiting and one in the making per worker bounds the memory.
                let (done, filled) = mpsc::sync_channel(1);
                let (recycle, spare) = mpsc::channel();
                thread::Builder::new().spawn_scoped(scope, move || {
                    self.serialize(worker, workers, item, &done, &spare)
                })?;
                lanes.push(Lane { filled, recycle });
            }
            (0..self.count()).try_for_each(|c| lanes[c % workers].write_next(out))
        })
    }

    fn serialize<F>(
        self,
        worker: usize,
        workers: usize,
        item: &F,
        done: &SyncSender<Chunk>,
        spare: &Receiver<Vec<u8>>,
    ) where
        F: Fn(&mut Vec<u8>, usize, usize) -> io::Result<()>,
    {
        for c in (worker..self.count()).step_by(workers) {
            let mut buf = spare.try_recv().unwrap_or_default();
            let chunk = self.fill(&mut buf, c, item).map(|()| buf);
            if done.send(chunk).is_err() {
                // The writer has stopped on an error of its own and reports it.
                return;
            }
        }
    }
}

/// The writer's end of one worker: its chunks in order, and its buffers going back.
struct Lane {
    filled: Receiver<Chunk>,
    recycle: Sender<Vec<u8>>,
}

impl Lane {
    fn write_next<W: Write + ?Sized>(&self, out: &mut W) -> io::Result<()> {
        let chunk = self
            .filled
            .recv()
            .map_err(|_| io::Error::other("a worker stopped before its chunk was done"))??;
        out.write_all(&chunk)?;
        // Reusing the buffer spares the worker fresh pages; once it has finished, there
        // is no one to take it back, and it is simply dropped.
        self.recycle.send(chunk).ok();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(buf: &mut Vec<u8>, depth: usize, i: usize) -> io::Result<()> {
        write!(buf, "{depth}:{i}")
    }

    fn chunks(n: usize, per_chunk: usize) -> Chunks {
        Chunks {
            depth: 2,
            n,
            per_chunk,
        }
    }

    #[test]
    fn items_come_out_in_order_however_they_are_split() {
        let mut two = Vec::new();
        chunks(2, 1).write_in_turn(&mut two, &item).unwrap();
        assert_eq!(two, b"\n    2:0,\n    2:1");
        for n in [0, 1, 5, 64] {
            let mut expected = Vec::new();
            chunks(n, n.max(1))
                .write_in_turn(&mut expected, &item)
                .unwrap();
            for per_chunk in [1, 3, 64] {
                for workers in [2, 3] {
                    let mut out = Vec::new();
                    let split = chunks(n, per_chunk);
                    split.write_in_parallel(&mut out, workers, &item).unwrap();
                    assert_eq!(
                        out, expected,
                        "{n} items, {per_chunk} a chunk, {workers} workers"
                    );
                }
            }
        }
    }

    /// Takes `left` bytes, then fails as a pipe closed by its reader does.
    struct Closing {
        left: usize,
    }

    impl Write for Closing {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            if self.left == 0 {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            let n = bytes.len().min(self.left);
            self.left -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_writer_stops_the_workers_and_is_reported() {
        let mut out = Closing { left: 100 };
        let error = chunks(10_000, 1)
            .write_in_parallel(&mut out, 2, &item)
            .unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn an_item_that_cannot_be_written_is_reported() {
        let failing = |buf: &mut Vec<u8>, depth, i| match i {
            7 => Err(io::Error::other("item 7")),
            _ => item(buf, depth, i),
        };
        let error = chunks(100, 3)
            .write_in_parallel(&mut Vec::new(), 2, &failing)
            .unwrap_err();
        assert_eq!(error.to_string(), "item 7");
    }
}
