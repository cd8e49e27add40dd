using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Data;

/// <summary>The PostGIS database of record: versioned units, incidents, indicators, assessments, audit.</summary>
public class DiaBanDb(DbContextOptions<DiaBanDb> options) : DbContext(options)
{
    public DbSet<AdminUnit> AdminUnits => Set<AdminUnit>();
    public DbSet<UnitLineage> UnitLineages => Set<UnitLineage>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentEntry> IncidentEntries => Set<IncidentEntry>();
    public DbSet<UnitIndicator> UnitIndicators => Set<UnitIndicator>();
    public DbSet<FigureEntry> FigureEntries => Set<FigureEntry>();
    public DbSet<KeyRoute> KeyRoutes => Set<KeyRoute>();
    public DbSet<ConditionalBusiness> ConditionalBusinesses => Set<ConditionalBusiness>();
    public DbSet<RuleSetRecord> RuleSets => Set<RuleSetRecord>();
    public DbSet<StatusAssessment> StatusAssessments => Set<StatusAssessment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<RiskModelRecord> RiskModels => Set<RiskModelRecord>();
    public DbSet<CommuneGridRecord> CommuneGrids => Set<CommuneGridRecord>();
    public DbSet<RiskScoreRecord> RiskScores => Set<RiskScoreRecord>();
    public DbSet<PatrolExposure> PatrolExposures => Set<PatrolExposure>();
    public DbSet<GridCellRecord> GridCells => Set<GridCellRecord>();
    public DbSet<PatrolCellExposure> PatrolCellExposures => Set<PatrolCellExposure>();
    public DbSet<PlanTargetRecord> PlanTargets => Set<PlanTargetRecord>();
    public DbSet<RecognitionCaseRecord> RecognitionCases => Set<RecognitionCaseRecord>();
    public DbSet<RecognitionStepRecord> RecognitionSteps => Set<RecognitionStepRecord>();
    public DbSet<RecognitionEvidenceRecord> RecognitionEvidence => Set<RecognitionEvidenceRecord>();
    public DbSet<BusinessInspectionRecord> BusinessInspections => Set<BusinessInspectionRecord>();
    public DbSet<DrugSpot> DrugSpots => Set<DrugSpot>();
    public DbSet<DrugSpotStep> DrugSpotSteps => Set<DrugSpotStep>();
    public DbSet<TipRecord> Tips => Set<TipRecord>();

    /// <summary>Who the audit trail names for changes saved through this context (the web app sets the signed-in user).</summary>
    public string Actor { get; set; } = DefaultActor();

    private int bulkWrites;

    /// <summary>False inside a <see cref="BulkWrite"/> scope: the audit interceptor then writes no row per entity.</summary>
    public bool PerEntityAudit => bulkWrites == 0;

    /// <summary>
    /// Opens a bulk write (seeding, imports, risk scores): no per-row audit until the scope is disposed, one summary
    /// row through <see cref="BulkWriteScope.Summarise"/>. Use with <c>using</c> so auditing is always restored.
    /// </summary>
    public BulkWriteScope BulkWrite(string action, string entity)
    {
        bulkWrites++;
        return new BulkWriteScope(this, action, entity);
    }

    internal void EndBulkWrite() => bulkWrites--;

    /// <summary>Npgsql + NetTopologySuite options shared by the app, the CLI, tests and the design-time factory.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        builder.UseNpgsql(connectionString, o =>
        {
            o.UseNetTopologySuite();
            o.MigrationsHistoryTable("__ef_migrations_history");
            o.ExecutionStrategy(d => new TransientRetryStrategy(d));
        });
        builder.AddInterceptors(new AuditInterceptor());
        return builder;
    }

    public static DiaBanDb Create(string connectionString) =>
        new((DbContextOptions<DiaBanDb>)Configure(new DbContextOptionsBuilder<DiaBanDb>(), connectionString).Options);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DiaBanDb).Assembly,
            t => t.Namespace == typeof(Configurations.AdminUnitConfiguration).Namespace);
        ModelNaming.ApplySnakeCase(modelBuilder);
    }

    private static string DefaultActor()
    {
        var user = Environment.UserName;
        return string.IsNullOrEmpty(user) ? "system" : $"cli:{user}";
    }
}
