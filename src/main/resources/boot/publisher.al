# Edge Publisher: the seed's deployment process (docs/CONFIGURATION.md#the-boot-script); ENV was imported before.

# ---- seed step 1: parameters (ENV was imported natively) ----
hostname = get hostname
set node name !node_name
set query pool !query_pool

# ---- seed step 2: networking ----
on error goto network-error
run tcp server where external_ip = !external_ip and external_port = !anylog_server_port and internal_ip = !ip and internal_port = !anylog_server_port and bind = !tcp_bind and threads = !tcp_threads
if !rest_ssl == true then goto rest-ssl
run rest server where external_ip = !external_ip and external_port = !anylog_rest_port and internal_ip = !ip and internal_port = !anylog_rest_port and bind = !rest_bind and threads = !rest_threads and timeout = !rest_timeout
goto broker
:rest-ssl:
run rest server where external_ip = !external_ip and external_port = !anylog_rest_port and internal_ip = !ip and internal_port = !anylog_rest_port and bind = !rest_bind and threads = !rest_threads and timeout = !rest_timeout and ssl = true and ca_org = !rest_ca_org and server_org = !rest_server_org
:broker:
on error goto broker-error
if !anylog_broker_port then run message broker where external_ip = !external_ip and external_port = !anylog_broker_port and internal_ip = !ip and internal_port = !anylog_broker_port and bind = !broker_bind and threads = !broker_threads
:after-broker:

# ---- seed step 3: almgm and tsd_info ----
on error goto database-error
connect dbms almgm where type = !db_type and ip = !db_ip and port = !db_port and user = !db_user and password = !db_passwd and autocommit = !autocommit
create table tsd_info where dbms = almgm

# ---- seed step 5 (optional): system_query ----
on error ignore
if !system_query == true then connect dbms system_query where type = sqlite and memory = !memory

# ---- seed step 6: scheduler and ledger synchronisation ----
on error goto sync-error
run scheduler 1
if !ledger_conn then run blockchain sync where source = !blockchain_source and time = !blockchain_sync and dest = !blockchain_destination and connection = !ledger_conn

# ---- seed step 8: declare this publisher (skipped when hidden or already declared) ----
on error goto policy-error
if !is_hidden == true then goto policy-done
policy_count = blockchain get publisher where company = !company_name and name = !node_name and ip = !policy_ip and port = !anylog_server_port bring.count
if !policy_count.int > 0 then goto policy-done
<new_policy = {"publisher": {
    "hostname": !hostname,
    "name": !node_name,
    "ip": !policy_ip,
    "local_ip": !ip,
    "company": !company_name,
    "port": !anylog_server_port.int,
    "rest_port": !anylog_rest_port.int,
    "loc": !loc,
    "country": !country,
    "state": !state,
    "city": !city
}}>
blockchain prepare policy !new_policy
blockchain insert where policy = !new_policy and local = true and master = !ledger_conn
:policy-done:

# ---- streamer (added by AnyLog after the seed) ----
on error goto streamer-error
set buffer threshold where time = !threshold_time and volume = !threshold_volume and write_immediate = false
run streamer

# ---- seed step 10 (optional): message client ----
on error goto mqtt-error
if !enable_mqtt == true then run msg client where broker = !mqtt_broker and port = !mqtt_port and user = !mqtt_user and password = !mqtt_passwd and log = !msg_log and topic = (name = !msg_topic and qos = !msg_qos and dbms = !msg_dbms and table = !msg_table and column.timestamp.timestamp = !msg_timestamp_column and column.value = (value = !msg_value_column and type = !msg_value_column_type))
:after-mqtt:

# ---- seed step 11 (optional): static data distribution ----
on error goto publisher-error
if !data_distribution_script then process !data_distribution_script

# ---- seed step 12: the publisher ----
run publisher where compress_json = !compress_file and compress_sql = !publisher_compress_file and master_node = !ledger_conn and dbms_name = !dbms_file_location and table_name = !table_file_location and archive_json = !archive and archive_sql = !archive_sql and archive_days = !archive_delete and compress_transit = !compress_transit and no_route_timeout = !no_route_timeout and retry_min = !retry_min and retry_max = !retry_max and retry_limit = !retry_limit and ack_wait = !ack_wait and threads = !publisher_threads and new_table_cluster = !new_table_cluster

# ---- seed step 13: report ----
on error ignore
get processes
end script

:network-error:
print "Boot failed: network servers could not start"
exit node 1
:broker-error:
print "Warning: message broker not started, continuing without it"
goto after-broker
:database-error:
print "Boot failed: almgm / tsd_info not available"
exit node 1
:sync-error:
print "Boot failed: blockchain sync not started"
exit node 1
:policy-error:
print "Warning: publisher policy not declared; it will be retried by the ledger merge"
goto policy-done
:streamer-error:
print "Boot failed: streamer not started"
exit node 1
:mqtt-error:
print "Warning: message client not started, continuing without it"
goto after-mqtt
:publisher-error:
print "Boot failed: publisher not started"
exit node 1
