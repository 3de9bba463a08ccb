//! Independent work spread over the machine's cores, results kept in input order.
//!
//! Converting one request (parsing and inferring its examples above all) needs nothing from
//! the others, so requests are converted on every core; everything order-dependent (findings,
//! interning, merging, naming) happens afterwards, on the calling thread, in input order, and
//! what is independent again once names are fixed (resolving each operation's schemas) is
//! spread out once more.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// Items per thread below which a thread is not worth starting.
const MIN_ITEMS_PER_THREAD: usize = 32;

/// Requests from which a collection counts as large.
pub const LARGE: usize = 2 * MIN_ITEMS_PER_THREAD;

/// Threads worth starting for `items` items when each thread needs `per_thread` of them.
fn threads_for(items: usize, per_thread: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(items / per_thread)
}

/// `work` applied to every item, results in item order. Items are handed out one at a time,
/// so a few slow ones do not leave the other threads idle.
pub fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    spread(items, MIN_ITEMS_PER_THREAD, work)
}

/// [`map`] for items that are each worth a thread (pieces of a large text): threads start
/// from two items on.
pub fn map_each<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    spread(items, 1, work)
}

/// [`map`] with threads started only for `per_thread` items each.
fn spread<T: Sync, R: Send>(
    items: &[T],
    per_thread: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = threads_for(items.len(), per_thread);
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let run = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else {
                return done;
            };
            done.push((index, work(item)));
        }
    };
    let mut slots: Vec<Option<R>> = Vec::with_capacity(items.len());
    slots.resize_with(items.len(), || None);
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(run)).collect();
        let mut place = |done: Vec<(usize, R)>| {
            for (index, result) in done {
                slots[index] = Some(result);
            }
        };
        place(run());
        for helper in helpers {
            match helper.join() {
                Ok(done) => place(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    slots.into_iter().flatten().collect()
}

/// `work` applied to every item in place, on every core. Items are handed out one at a time
/// (the lock is held only to take the next one), so a few slow ones do not leave the other
/// threads idle; results need no reordering since each item is changed where it is.
pub fn for_each_mut<T: Send>(items: &mut [T], work: impl Fn(&mut T) + Sync) {
    let threads = threads_for(items.len(), MIN_ITEMS_PER_THREAD);
    if threads <= 1 {
        items.iter_mut().for_each(work);
        return;
    }
    let next = Mutex::new(items.iter_mut());
    let run = || loop {
        let item = next.lock().unwrap_or_else(PoisonError::into_inner).next();
        match item {
            Some(item) => work(item),
            None => return,
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(run);
        }
        run();
    });
}

/// Runs `work` while `value` is freed on another thread when it is `large` (freeing a whole
/// collection takes as long as a good part of assembling its APIs).
pub fn drop_during<T: Send, R>(value: T, large: bool, work: impl FnOnce() -> R) -> R {
    if !large || std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
        drop(value);
        return work();
    }
    std::thread::scope(|scope| {
        scope.spawn(move || drop(value));
        work()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<usize> = (0..1000).collect();
        let squares = map(&items, |n| {
            // Uneven work, so that threads finish out of order.
            if n % 7 == 0 {
                std::thread::yield_now();
            }
            n * n
        });
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert_eq!(map(&[3], |n| n + 1), [4]);
    }

    #[test]
    fn every_item_is_changed_once() {
        let mut items: Vec<usize> = (0..1000).collect();
        for_each_mut(&mut items, |n| {
            if *n % 7 == 0 {
                std::thread::yield_now();
            }
            *n *= 3;
        });
        assert_eq!(items, (0..1000).map(|n| n * 3).collect::<Vec<_>>());
    }
}
