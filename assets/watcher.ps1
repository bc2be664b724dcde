# wsl-vpn-agent watcher: prints one JSON snapshot of the Windows adapters per line, at start, after
# network changes (bursts coalesced) and every $HeartbeatSeconds; exits when stdin closes.
# The agent prepends $HeartbeatSeconds and $CoalesceMs and passes the whole text as -EncodedCommand.
# Line contract: docs/windows.md. Needs no admin rights (Get-Net* cmdlets read without elevation).
$ErrorActionPreference = 'Stop'
if (-not $HeartbeatSeconds) { $HeartbeatSeconds = 30 }
if (-not $CoalesceMs) { $CoalesceMs = 250 }

# UTF-8 without BOM and LF endings, whatever the console code page is.
$out = New-Object System.IO.StreamWriter ([Console]::OpenStandardOutput()), (New-Object System.Text.UTF8Encoding $false)
$out.AutoFlush = $true
$out.NewLine = "`n"

function Get-IpInterfaces([string]$family) {
  $map = @{}
  foreach ($i in @(Get-NetIPInterface -AddressFamily $family -ErrorAction SilentlyContinue)) { $map[[int]$i.ifIndex] = $i }
  return $map
}

function Get-Snapshot {
  $ip4 = Get-IpInterfaces 'IPv4'
  $ip6 = Get-IpInterfaces 'IPv6'
  # Effective metric of each interface's IPv4 default route: route metric + interface metric.
  $routes = @{}
  foreach ($r in @(Get-NetRoute -DestinationPrefix '0.0.0.0/0' -ErrorAction SilentlyContinue)) {
    $idx = [int]$r.ifIndex
    $m = [int]$r.RouteMetric
    if ($ip4.ContainsKey($idx)) { $m += [int]$ip4[$idx].InterfaceMetric }
    if (-not $routes.ContainsKey($idx) -or $m -lt $routes[$idx]) { $routes[$idx] = $m }
  }
  $list = New-Object 'System.Collections.Generic.List[object]'
  $seen = @{}
  foreach ($a in @(Get-NetAdapter -ErrorAction SilentlyContinue)) {
    $idx = [int]$a.ifIndex
    $seen[$idx] = $true
    $mtu = if ($ip4.ContainsKey($idx)) { [int]$ip4[$idx].NlMtu } else { [int]$a.MtuSize }
    if ($mtu -le 0) { continue }
    $entry = [ordered]@{ name = [string]$a.Name; description = [string]$a.InterfaceDescription; status = [string]$a.Status; mtu = $mtu;
      defaultRoute = $routes.ContainsKey($idx); interfaceType = [int]$a.InterfaceType; virtual = [bool]$a.Virtual }
    if ($routes.ContainsKey($idx)) { $entry.metric = [int]$routes[$idx] }
    if ($ip6.ContainsKey($idx)) { $entry.ipv6Mtu = [int]$ip6[$idx].NlMtu }
    $list.Add($entry)
  }
  # Windows' built-in VPN connections (WAN Miniport, PPP) are IP interfaces without a NetAdapter.
  $vpnNames = @{}
  try {
    foreach ($v in @(Get-VpnConnection -ErrorAction SilentlyContinue) + @(Get-VpnConnection -AllUserConnection -ErrorAction SilentlyContinue)) {
      if ($v) { $vpnNames[[string]$v.Name] = [string]$v.TunnelType }
    }
  } catch { } # no VpnClient module: there are no built-in VPN connections to find
  foreach ($idx in @($ip4.Keys)) {
    $i = $ip4[$idx]
    $alias = [string]$i.InterfaceAlias
    if ($seen.ContainsKey($idx) -or -not $vpnNames.ContainsKey($alias)) { continue }
    $status = if ([string]$i.ConnectionState -eq 'Connected') { 'Up' } else { 'Disconnected' }
    $entry = [ordered]@{ name = $alias; description = "WAN Miniport ($($vpnNames[$alias]))"; status = $status; mtu = [int]$i.NlMtu;
      defaultRoute = $routes.ContainsKey($idx); interfaceType = 23; virtual = $true }
    if ($routes.ContainsKey($idx)) { $entry.metric = [int]$routes[$idx] }
    $list.Add($entry)
  }
  # -InputObject with a plain array: piping would unwrap a one-element list in PowerShell 5.1.
  return ConvertTo-Json -InputObject @{ adapters = $list.ToArray() } -Compress -Depth 4
}

function Write-Snapshot {
  try { $line = Get-Snapshot } catch { $line = (ConvertTo-Json -InputObject @{ error = [string]$_ } -Compress) }
  $out.WriteLine($line)
}

$stdin = [Console]::OpenStandardInput()
$buffer = New-Object byte[] 256
$read = $stdin.ReadAsync($buffer, 0, $buffer.Length)
$nc = [System.Net.NetworkInformation.NetworkChange]
Register-ObjectEvent -InputObject $nc -EventName NetworkAddressChanged -SourceIdentifier 'wva.address' | Out-Null
Register-ObjectEvent -InputObject $nc -EventName NetworkAvailabilityChanged -SourceIdentifier 'wva.availability' | Out-Null
try {
  Write-Snapshot
  $heartbeat = [DateTime]::UtcNow.AddSeconds($HeartbeatSeconds)
  while ($true) {
    if ($read.IsCompleted) {
      # 0 bytes (or a failed read) means the agent closed our stdin: time to go.
      if ($read.IsFaulted -or $read.Result -eq 0) { break }
      $read = $stdin.ReadAsync($buffer, 0, $buffer.Length)
    }
    # Not $event: that name is an automatic variable in PowerShell.
    $change = Wait-Event -Timeout 1
    if ($null -ne $change) {
      # Coalesce a burst: wait until no event arrived for $CoalesceMs, at most 3 s.
      $burstEnd = [DateTime]::UtcNow.AddSeconds(3)
      do {
        Get-Event | Remove-Event
        Start-Sleep -Milliseconds $CoalesceMs
      } while (@(Get-Event).Count -gt 0 -and [DateTime]::UtcNow -lt $burstEnd)
      Get-Event | Remove-Event
      Write-Snapshot
      $heartbeat = [DateTime]::UtcNow.AddSeconds($HeartbeatSeconds)
    } elseif ([DateTime]::UtcNow -ge $heartbeat) {
      Write-Snapshot
      $heartbeat = [DateTime]::UtcNow.AddSeconds($HeartbeatSeconds)
    }
  }
} finally {
  Unregister-Event -SourceIdentifier 'wva.address' -ErrorAction SilentlyContinue
  Unregister-Event -SourceIdentifier 'wva.availability' -ErrorAction SilentlyContinue
}
