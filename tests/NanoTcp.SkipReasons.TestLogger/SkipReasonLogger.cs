using System;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Logging;

namespace NanoTcp.SkipReasons
{
    /// <summary>
    /// Prints "  Skipped NAME: REASON" for each skipped test (the message of Assert.Inconclusive), so that a run
    /// without root or without a tool says why its tests were skipped.
    /// </summary>
    [FriendlyName(FriendlyName)]
    [ExtensionUri(Uri)]
    public sealed class SkipReasonLogger : ITestLogger
    {
        public const string FriendlyName = "skipreasons";
        public const string Uri = "logger://NanoTcp/SkipReasons";

        private readonly object _gate = new object();

        public void Initialize(TestLoggerEvents events, string testRunDirectory)
        {
            ArgumentNullException.ThrowIfNull(events);
            events.TestResult += OnTestResult;
        }

        private void OnTestResult(object sender, TestResultEventArgs e)
        {
            if (e.Result.Outcome != TestOutcome.Skipped)
            {
                return;
            }

            string reason = e.Result.ErrorMessage;
            if (string.IsNullOrWhiteSpace(reason))
            {
                reason = "no reason given";
            }

            // MSTest prefixes the message with "Assert.Inconclusive failed." (or similar); the reason follows it.
            reason = reason.Replace("\r", string.Empty, StringComparison.Ordinal).Replace('\n', ' ').Trim();
            lock (_gate)
            {
                Console.WriteLine("  Skipped " + (e.Result.DisplayName ?? e.Result.TestCase.DisplayName) + ": " + reason);
            }
        }
    }
}
