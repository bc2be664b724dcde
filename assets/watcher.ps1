# wsl-vpn-agent watcher: prints one JSON snapshot of the Windows adapters per line, at start, after
# network changes (bursts coalesced) and every $HeartbeatSeconds; exits when stdin closes.
# The agent prepends $HeartbeatSeconds and $CoalesceMs and passes the whole text as -EncodedCommand.
# Line contract: docs/windows.md. Needs no admin rights (Get-Net* cmdlets read without elevation).
$ErrorActionPreference = 'Stop'
if (-not $HeartbeatSeconds) { $HeartbeatSeconds = 30 }
if (-not $CoalesceMs) { $CoalesceMs = 250 }
# Routes reported per adapter (src/windows/routes.ts MAX_ROUTES): keeps a line far below 1 MiB.
$MaxRoutes = 256

# UTF-8 without BOM and LF endings, whatever the console code page is.
$out = New-Object System.IO.StreamWriter ([Console]::OpenStandardOutput()), (New-Object System.Text.UTF8Encoding $false)
$out.AutoFlush = $true
$out.NewLine = "`n"

function Get-IpInterfaces([string]$family) {
  $map = @{}
  foreach ($i in @(Get-NetIPInterface -AddressFamily $family -ErrorAction SilentlyContinue)) { $map[[int]$i.ifIndex] = $i }
  return $map
}

# Host routes of an adapter's own addresses and of its subnet broadcast: keys "ifIndex|a.b.c.d/32".
function Get-OwnHostRoutes {
  $skip = @{}
  foreach ($a in @(Get-NetIPAddress -AddressFamily IPv4 -ErrorAction SilentlyContinue)) {
    $ip = [string]$a.IPAddress
    if ($ip -notmatch '^(\d+)\.(\d+)\.(\d+)\.(\d+)$') { continue }
    $idx = [int]$a.InterfaceIndex
    $skip["$idx|$ip/32"] = $true
    $len = [int]$a.PrefixLength
    if ($len -ge 1 -and $len -le 30) {
      $n = ([long]$Matches[1] -shl 24) + ([long]$Matches[2] -shl 16) + ([long]$Matches[3] -shl 8) + [long]$Matches[4]
      $b = $n -bor (([long]1 -shl (32 - $len)) - 1)
      $skip["$idx|$(($b -shr 24) -band 255).$(($b -shr 16) -band 255).$(($b -shr 8) -band 255).$($b -band 255)/32"] = $true
    }
  }
  return $skip
}

# At most $MaxRoutes per adapter: the broadest first (they cover the most), then lowest metric.
function Get-RouteList($table) {
  $keys = @($table.Keys | Sort-Object @{ Expression = { [int]($_.Split('/')[1]) } }, @{ Expression = { $table[$_] } }, @{ Expression = { $_ } })
  $list = New-Object 'System.Collections.Generic.List[object]'
  foreach ($p in @($keys | Select-Object -First $MaxRoutes)) { $list.Add([ordered]@{ prefix = $p; metric = $table[$p] }) }
  return ,$list.ToArray()
}

function Get-Snapshot {
  $ip4 = Get-IpInterfaces 'IPv4'
  $ip6 = Get-IpInterfaces 'IPv6'
  $skip = Get-OwnHostRoutes
  # Per interface: the lowest effective metric (route metric + interface metric) of its IPv4
  # default route, and its other routes, without own host routes, multicast and broadcast.
  $routes = @{}
  $tables = @{}
  foreach ($r in @(Get-NetRoute -AddressFamily IPv4 -PolicyStore ActiveStore -ErrorAction SilentlyContinue)) {
    $idx = [int]$r.ifIndex
    $p = [string]$r.DestinationPrefix
    $m = [long]$r.RouteMetric
    if ($ip4.ContainsKey($idx)) { $m += [long]$ip4[$idx].InterfaceMetric }
    if ($p -eq '0.0.0.0/0' -and (-not $routes.ContainsKey($idx) -or $m -lt $routes[$idx])) { $routes[$idx] = $m }
    if ($skip.ContainsKey("$idx|$p") -or $p -eq '255.255.255.255/32' -or $p -match '^(22[4-9]|23\d)\.') { continue }
    if (-not $tables.ContainsKey($idx)) { $tables[$idx] = @{} }
    $t = $tables[$idx]
    if (-not $t.ContainsKey($p) -or $m -lt $t[$p]) { $t[$p] = $m }
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
    if ($routes.ContainsKey($idx)) { $entry.metric = $routes[$idx] }
    if ($ip6.ContainsKey($idx)) { $entry.ipv6Mtu = [int]$ip6[$idx].NlMtu }
    $entry.routes = Get-RouteList $(if ($tables.ContainsKey($idx)) { $tables[$idx] } else { @{} })
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
    if ($routes.ContainsKey($idx)) { $entry.metric = $routes[$idx] }
    $entry.routes = Get-RouteList $(if ($tables.ContainsKey($idx)) { $tables[$idx] } else { @{} })
    $list.Add($entry)
  }
  # -InputObject with a plain array: piping would unwrap a one-element list in PowerShell 5.1.
  return ConvertTo-Json -InputObject @{ adapters = $list.ToArray() } -Compress -Depth 6
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
