using DiaBan.Web;
using DiaBan.Web.Api;
using DiaBan.Web.Auth;
using DiaBan.Web.Components;
using DiaBan.Web.Hosting;
using DiaBan.Web.Hosting.Options;
using DiaBan.Web.Risk;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(DiaBanOptions.ListenUrls(builder.Configuration));
builder.WebHost.UseStaticWebAssets(); // framework and Leaflet files from the build output when run with `dotnet run` outside Development

builder.Services.AddDiaBanOptions(builder.Configuration);
builder.Services.AddDiaBanTelemetry(builder.Configuration);
builder.Services.AddDiaBanDatabase(builder.Configuration);
builder.Services.AddDiaBanAuth(sp => sp.GetRequiredService<DiaBan.Geo.Hosting.DiaBanDatabase>().ConnectionString);
builder.Services.AddDiaBanPolicies();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuthorizationFailureLogger>();
builder.Services.AddDiaBanLocalization();
builder.Services.AddDiaBanApi();
builder.Services.AddDiaBanRisk();
builder.Services.AddDiaBanSecurity(builder.Configuration);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
await app.PrepareDiaBanDatabaseAsync();
if (UserCommand.Matches(args)) { Environment.ExitCode = await UserCommand.RunAsync(app.Services, args); return; } // `user add …`, then exit
await app.Services.GetRequiredService<RiskWorkspace>().PrepareAtStartAsync();

app.UseDiaBanErrorPages();
// routing after the error pages: a re-executed request (/not-found, /Error) is routed again; with the implicit UseRouting
// at the top of the pipeline a signed-in user on an unknown address got an empty 404
app.UseRouting();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseDiaBanSecurity();
app.UseAuthorization();
app.UseAntiforgery();

app.MapDiaBanStaticAssets();
app.MapDiaBanHealth();
app.MapOpenApi();
app.MapAuthApi();
app.MapUnitsApi();
app.MapStatusApi();
app.MapPatrolSheetApi();
app.MapTilesApi();
app.MapCompletenessApi();
app.MapFiguresApi();
app.MapOfficialStatusApi();
app.MapAuditApi();
app.MapRuleSetsApi();
app.MapRiskApi();
app.MapJobsApi();
app.MapStatisticsApi();
app.MapTargetsApi();
app.MapTransitionsApi();
app.MapReportsApi();
app.MapRecognitionApi();
app.MapIncidentEntriesApi();
app.MapPlacesApi();
app.MapInspectionsApi();
app.MapRecordsApi();
app.MapAccountEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, public so WebApplicationFactory&lt;Program&gt; can start the app in tests.</summary>
public partial class Program;
