"""Where a Spark run's wall time goes, job by job, from its event log.

Run shape with the event log on, uncompressed, then read it:

  ./shape score --engine spark --master 'local[1]' --data D --output O \
      --conf spark.eventLog.enabled=true --conf spark.eventLog.compress=false \
      --conf spark.eventLog.dir=file:///tmp/spark-events
  python3 bench/spark-jobs.py /tmp/spark-events --wall 23.4

Prints each job's wall time and its tasks' CPU time, then the time outside jobs (session start, planning,
the driver between jobs). With --wall (the process's wall time, e.g. from /usr/bin/time), it also prints the
time before the application started and what the run would take if every job ran exactly N times faster
(--cores, default 2; a stage of fewer tasks gains less): for a run with one task thread, the most that
many task threads can give while the rest stays as it is.
"""
import argparse
import glob
import json
import os
import sys


def newest_log(folder):
    entries = glob.glob(os.path.join(folder, "*"))
    files = []
    for p in entries:
        if os.path.isdir(p):
            files += glob.glob(os.path.join(p, "events_*"))
        elif not p.endswith(".inprogress"):
            files.append(p)
    if not files:
        if any(p.endswith(".inprogress") for p in entries):
            sys.exit(f"only an .inprogress event log in {folder}: the run has not finished (or was killed)")
        sys.exit(f"no event log in {folder}: run with --conf spark.eventLog.enabled=true and eventLog.dir there")
    newest = max(files, key=os.path.getmtime)
    # a rolled log (v2) is a folder of parts: read them all, in order
    parent = os.path.dirname(newest)
    if os.path.basename(parent).startswith("eventlog_v2_"):
        return sorted(glob.glob(os.path.join(parent, "events_*")), key=lambda p: int(os.path.basename(p).split("_")[1]))
    return [newest]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", help="spark.eventLog.dir of the run (a local folder)")
    ap.add_argument("--wall", type=float, help="the process's wall time in seconds")
    ap.add_argument("--cores", type=float, default=2.0)
    a = ap.parse_args()

    app_start = app_end = None
    submitted, ended, cpu, tasks = {}, {}, {}, {}
    stage_job = {}
    # per stage: wall time (last attempt) and tasks that succeeded (retried or speculative ones count once)
    stage_wall, stage_tasks = {}, {}
    for path in newest_log(a.folder):
        with open(path, "rb") as f:
            if f.read(1) != b"{":
                sys.exit(f"{path} is not JSON lines (compressed?): run with --conf spark.eventLog.compress=false")
        with open(path, encoding="utf-8") as f:
            for line in f:
                e = json.loads(line)
                kind = e["Event"]
                if kind == "SparkListenerApplicationStart":
                    app_start = e["Timestamp"]
                elif kind == "SparkListenerApplicationEnd":
                    app_end = e["Timestamp"]
                elif kind == "SparkListenerJobStart":
                    submitted[e["Job ID"]] = e["Submission Time"]
                    for s in e["Stage IDs"]:
                        stage_job[s] = e["Job ID"]
                elif kind == "SparkListenerJobEnd":
                    ended[e["Job ID"]] = e["Completion Time"]
                elif kind == "SparkListenerStageCompleted":
                    info = e["Stage Info"]
                    if info.get("Submission Time") and info.get("Completion Time"):
                        stage_wall[info["Stage ID"]] = (info["Completion Time"] - info["Submission Time"]) / 1000
                elif kind == "SparkListenerTaskEnd":
                    stage = e["Stage ID"]
                    job = stage_job.get(stage)
                    metrics = e.get("Task Metrics") or {}
                    cpu[job] = cpu.get(job, 0.0) + metrics.get("Executor CPU Time", 0) / 1e9
                    if (e.get("Task End Reason") or {}).get("Reason") == "Success":
                        tasks[job] = tasks.get(job, 0) + 1
                        stage_tasks[stage] = stage_tasks.get(stage, 0) + 1
    if app_start is None or app_end is None:
        sys.exit("the log has no application start or end: was the run finished?")

    in_jobs = 0.0
    scaled = 0.0
    print("job  start s   wall s  tasks  task CPU s")
    for job in sorted(submitted):
        wall = (ended.get(job, app_end) - submitted[job]) / 1000
        in_jobs += wall
        # each stage at most `cores` times faster, and no faster than its tasks allow (one task, one thread);
        # the job's time outside its stages as it is
        stages = [s for s, j in stage_job.items() if j == job and s in stage_wall]
        in_stages = sum(stage_wall[s] for s in stages)
        scaled += max(0.0, wall - in_stages) + sum(
            stage_wall[s] / max(1.0, min(a.cores, stage_tasks.get(s, 1))) for s in stages)
        print(f"{job:3d} {(submitted[job] - app_start) / 1000:8.2f} {wall:8.2f} {tasks.get(job, 0):6d} {cpu.get(job, 0.0):11.2f}")
    app = (app_end - app_start) / 1000
    print(f"application {app:.2f} s: {in_jobs:.2f} s in jobs, {app - in_jobs:.2f} s outside them")
    if a.wall:
        before = a.wall - app
        outside = a.wall - in_jobs
        bound = outside + scaled
        print(f"process {a.wall:.2f} s: {before:.2f} s before and after the application")
        print(f"every stage up to {a.cores:g}x faster: {bound:.2f} s, {a.wall / bound:.2f}x this run")


if __name__ == "__main__":
    main()
