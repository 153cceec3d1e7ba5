using SatuAtap.Core.Common;

namespace SatuAtap.Core.Queue;

internal static class QueueOutcome
{
    public static Outcome<T> Unprocessable<T>(string message) => new(OutcomeKind.Unprocessable, Message: message);
}
