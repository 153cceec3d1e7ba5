namespace SatuAtap.Core.Applications;

/// <summary>
/// Placeholders of the applicant's messages that a module above Applications fills (the Feedback module adds
/// <c>{surveyUrl}</c>, the once-only survey link of a completed application). Applications never names those modules:
/// they register an implementation, and <see cref="ApplicationJournal"/> asks every one before the message is written.
/// </summary>
public interface IApplicationMessageValues
{
    /// <summary>Adds this module's values for the message about <paramref name="app"/> reaching its current status.</summary>
    void Add(Application app, IDictionary<string, string> values);
}
