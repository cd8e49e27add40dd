using DiaBan.Analytics.Domain;

namespace DiaBan.Demo.Province;

/// <summary>
/// Who recorded a demo incident and at what time of day, derived from the incident's id alone (a hash, not the
/// generator's random stream, so every other generated number and the measured demo results stay as they were).
/// About a third of the incidents found by investigation, and a few arrests and seizures, are recorded by the
/// province's drug police (PC04): the case commune police must know of (issue 9, Long An 2025 plan). Times follow the
/// evening peak of use sites and night road checks; not every record has one (the time of day is optional in imports
/// and forms): patrols and inspections note the hour, tips mostly do, investigations found later mostly do not.
/// </summary>
public static class DemoRecording
{
    public const string ProvincialDrugPolice = "Phòng Cảnh sát điều tra tội phạm về ma túy (PC04)";

    public static string RecordedBy(DemoIncident incident, string communeName, string provinceName)
    {
        var h = Hash(incident.Id, 1);
        var provincial = incident.Source switch
        {
            IncidentSource.Investigation => h % 3 == 0,
            _ => incident.Kind is IncidentKind.Arrest or IncidentKind.Seizure or IncidentKind.DealingSite && h % 10 == 0,
        };
        return provincial ? $"{ProvincialDrugPolice} Công an {LowerFirst(provinceName)}" : $"Công an {LowerFirst(communeName)}";
    }

    /// <summary>Percent of the incidents of a source that carry a time of day (about two thirds of the demo's incidents overall).</summary>
    public static int TimedPercent(IncidentSource source) => source switch
    {
        IncidentSource.Patrol => 95,
        IncidentSource.Inspection => 90,
        IncidentSource.Tip => 75,
        IncidentSource.Investigation => 30,
        _ => 60,
    };

    /// <summary>
    /// A plausible time of day, or none (see <see cref="TimedPercent"/>): use and dealing sites mostly in the evening and
    /// night, other kinds spread over the day and night.
    /// </summary>
    public static TimeOnly? OccurredAt(DemoIncident incident)
    {
        if (Hash(incident.Id, 3) % 100 >= TimedPercent(incident.Source)) return null;
        var h = Hash(incident.Id, 2);
        int[] hours = incident.Kind switch
        {
            IncidentKind.UseSite or IncidentKind.DealingSite => [18, 19, 20, 21, 21, 22, 22, 23, 23, 0, 1, 14],
            IncidentKind.InspectionViolation => [9, 10, 14, 15, 16, 20, 21, 22, 22, 23],
            IncidentKind.PlantSite => [7, 8, 8, 9, 9, 10, 14, 15],
            _ => [1, 2, 7, 9, 10, 11, 14, 15, 16, 17, 19, 20, 21, 22, 23, 23],
        };
        return new TimeOnly(hours[(int)(h % (uint)hours.Length)], (int)(h / 7 % 12) * 5);
    }

    private static string LowerFirst(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    // splitmix-style mix of the id: the same id gives the same answer on every machine and run
    private static uint Hash(int id, int salt)
    {
        var x = (ulong)(uint)id * 0x9E3779B97F4A7C15UL + (ulong)salt * 0xBF58476D1CE4E5B9UL;
        x ^= x >> 31;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 29;
        return (uint)x;
    }
}
