using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);

// As the template's "Individual accounts" option: the browser has no cookie handler of its own; the user signed in on
// the server (by SMS) is handed over with the prerendered page (AddAuthenticationStateSerialization on the server).
builder.Services.AddAuthorizationCore();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddAuthenticationStateDeserialization();

await builder.Build().RunAsync();
