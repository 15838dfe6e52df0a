//! Engine work off the input thread: the plan's analysis and the live what-if. Each job
//! carries the generation of the state that asked for it; the application keeps showing
//! the last result until the one for its current generation arrives, and drops the rest.
//! A result travels with the plan it was worked out from, so that a frame never pairs
//! one plan's names with another plan's figures.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::thread;

use crate::engine::{Analysis, ScenarioResult, Situation};
use crate::model::edit::warnings;
use crate::model::Plan;

/// What a frame draws: an analysis, the plan it is of, and the what-if worked out
/// against it. Immutable once made; replaced whole when a newer one arrives.
#[derive(Debug, Clone)]
pub struct Shown {
    pub plan: Arc<Plan>,
    pub analysis: Arc<Analysis>,
    /// Failed sites of the what-if, as indices of `plan`, ascending; empty for none.
    pub failed: Vec<usize>,
    pub what_if: Option<ScenarioResult>,
    /// The plan's validation warnings, each naming its item.
    pub warnings: Arc<Vec<String>>,
}

impl Shown {
    pub fn new(plan: Arc<Plan>, analysis: Arc<Analysis>) -> Shown {
        Shown {
            warnings: Arc::new(warnings(&plan)),
            plan,
            analysis,
            failed: Vec::new(),
            what_if: None,
        }
    }

    /// The what-if in force, when sites are failed.
    pub fn scenario(&self) -> Option<&ScenarioResult> {
        self.what_if.as_ref().filter(|_| !self.failed.is_empty())
    }

    /// The plan under the what-if, or in normal operation.
    pub fn situation(&self) -> Situation<'_> {
        match self.scenario() {
            Some(s) => self.analysis.under(s),
            None => self.analysis.normal(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Job {
    pub generation: u64,
    pub plan: Arc<Plan>,
    /// The analysis last shown.
    pub analysis: Arc<Analysis>,
    /// Whether `plan` was edited since `analysis`: it is then revised for the new plan,
    /// which reworks only what the edit reached.
    pub plan_changed: bool,
    /// Sites failed in the what-if, ascending; empty for none.
    pub failed: Vec<usize>,
    /// The month to analyse.
    pub month: u32,
    /// The warnings shown, kept when the plan did not change.
    pub warnings: Arc<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct Done {
    pub generation: u64,
    pub shown: Shown,
}

impl Job {
    pub fn run(self) -> Done {
        // Revising works from month 0; another month is worked out from the plan.
        let analysis =
            if self.month != self.analysis.month() || (self.plan_changed && self.month != 0) {
                Arc::new(Analysis::at_month(&self.plan, self.month))
            } else if self.plan_changed {
                Arc::new(self.analysis.revise(&self.plan))
            } else {
                self.analysis
            };
        let what_if = (!self.failed.is_empty()).then(|| analysis.what_if(&self.failed));
        Done {
            generation: self.generation,
            shown: Shown {
                warnings: if self.plan_changed {
                    Arc::new(warnings(&self.plan))
                } else {
                    self.warnings
                },
                plan: self.plan,
                analysis,
                failed: self.failed,
                what_if,
            },
        }
    }
}

/// One background thread that works through jobs, skipping any already overtaken by a
/// newer one.
pub struct Worker {
    jobs: Sender<Job>,
    done: Receiver<Done>,
}

impl Worker {
    pub fn spawn() -> std::io::Result<Worker> {
        let (jobs, job_rx) = channel::<Job>();
        let (done_tx, done) = channel::<Done>();
        thread::Builder::new()
            .name("headroom-engine".into())
            .spawn(move || {
                while let Ok(mut job) = job_rx.recv() {
                    while let Ok(newer) = job_rx.try_recv() {
                        job = newer;
                    }
                    if done_tx.send(job.run()).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Worker { jobs, done })
    }

    /// Hands a job to the thread; gives it back if the thread is gone.
    pub fn submit(&self, job: Job) -> Result<(), Job> {
        self.jobs.send(job).map_err(|e| e.0)
    }

    pub fn try_recv(&self) -> Option<Done> {
        self.done.try_recv().ok()
    }
}
