// The AppHost: the Mosaic emulator, and the web app pointed at it.
var builder = DistributedApplication.CreateBuilder(args);

#region apphost
var mosaic = builder.AddMosaicEmulator("mosaic")
    .WithUser("+16175550100");

builder.AddProject<Projects.AspireSample_Web>("web")
    .WithReference(mosaic)
    .WaitFor(mosaic)
    .WithHttpHealthCheck("/");
#endregion

builder.Build().Run();
