using System.Globalization;

namespace OpenModel.Core.Release;

/// <summary>Reproducible builds: the only timestamp a release document carries is SOURCE_DATE_EPOCH's.</summary>
public static class SourceDate
{
    public static string? Timestamp(string? sourceDateEpoch) =>
        long.TryParse(sourceDateEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
            : null;
}
