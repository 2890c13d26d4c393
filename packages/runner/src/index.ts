// aether-runner as a library: the engines (pure functions of measurements),
// the runs that drive the Python harness, and the report renderers. The CLI
// and the language server's "Profile this function" use these.

// Engines
export { pairBuilds, minorVersion, type BuildPair, type MissingBuild } from "./engines/buildPairing.js";
export { summarizeImports, importVerdict, type DistributionImports, type ImportCheck, type ImportVerdict } from "./engines/gilImports.js";
export {
  nextPoolStep,
  baselineNoise,
  growthVetoed,
  DEFAULT_BLOCKING_THRESHOLD,
  type HillClimbSettings,
  type HillClimbStep,
  type PoolObservation,
} from "./engines/hillClimbing.js";
export { findInterpreterCandidates, findOnPath, type CandidateSource, type FileSystemView, type InterpreterCandidate } from "./engines/interpreterDiscovery.js";
export { describeBuild, type InterpreterFacts } from "./engines/interpreterFacts.js";
export { blockingRatioOf, throughputOf, type Measurement, type ThreadCounts, type ThroughputPoint } from "./engines/measurement.js";
export { DEFAULT_MAX_WORKERS, initialPoolSize } from "./engines/poolSizing.js";
export { analyzeProfile, summarizePoints, type ProfileAnalysis, type ProfilePoint } from "./engines/profileAnalysis.js";
export {
  analyzeRegression,
  breakEvenThreads,
  TOLERATED_REGRESSION,
  type BreakEven,
  type RegressionAnalysis,
  type RegressionRecommendation,
} from "./engines/regressionAnalysis.js";
export { DEFAULT_CLIFF_THRESHOLD, findCliff, findPeak, type SaturationCliff } from "./engines/saturationCliff.js";
export { median, percentile } from "./engines/statistics.js";
export { defaultMaxThreads, refinementCounts, threadLadder } from "./engines/threadLadder.js";
export { DEFAULT_PEAK_TOLERANCE, recommendThreads, type ThreadRecommendation } from "./engines/threadRecommendation.js";
export { fitUsl, uslPeakThreads, uslThroughput, type UslFit, type UslModel } from "./engines/usl.js";

// The harness and its processes
export { HARNESS_SCRIPT } from "./harness/harnessScript.js";
export { liveProcessGroups, onInterrupt } from "./harness/processGroups.js";
export { RunCancelled, RunnerUsageError, TargetFailure, type TargetFailureKind } from "./harness/runnerErrors.js";
export { parseSetupSpec, parseTargetSpec, type TargetSpec } from "./harness/targetSpec.js";

// Runs
export { resolvePython } from "./runs/defaultPython.js";
export { DEFAULT_POOL_SETTINGS, runPool, type PoolInterval, type PoolProgress, type PoolResult, type PoolSettings } from "./runs/poolRun.js";
export { DEFAULT_PROFILE_SETTINGS, runProfile, type ProfileProgress, type ProfileResult, type ProfileSettings } from "./runs/profileRun.js";
export { runRegression, type BuildKind, type RegressionProgress, type RegressionRequest, type RegressionResult } from "./runs/regressionRun.js";
export { checkGilImports, findInterpreters, type InterpreterReport, type InterpreterStatus, type UnusableInterpreter } from "./runs/statusRun.js";
export type { TargetRequest } from "./runs/targetCalls.js";

// Text and reports
export { formatCount, formatDuration, formatPercent, threadsText } from "./text/numberText.js";
export { profileProgressText, timeLeftText } from "./text/progressText.js";
export { gilTurnedOnNote, interpreterLine, uslSentence } from "./text/reportText.js";
export { profileReportHtml, regressionReportHtml } from "./report/htmlReport.js";
export { throughputChartSvg, type ChartSeries } from "./report/svgChart.js";
