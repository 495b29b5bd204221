#-----------------------------------------------------------------------------------------------------------------------
# AnyLog publisher: the 2023 "Deployment Process" (the seed), steps 1-13, as an operator would paste it.
#-----------------------------------------------------------------------------------------------------------------------
# Step 1: set parameters
hostname = get hostname
node_name=$NODE_NAME
company_name=$COMPANY_NAME
anylog_server_port=$ANYLOG_SERVER_PORT
anylog_rest_port=$ANYLOG_REST_PORT
ledger_conn=$LEDGER_CONN
sync_time=$SYNC_TIME
blockchain_source=$BLOCKCHAIN_SOURCE
blockchain_destination=$BLOCKCHAIN_DESTINATION
compress_file=$COMPRESS_FILE
db_type=$DB_TYPE
set node name !node_name

# Step 2: TCP & REST
run tcp server !external_ip !anylog_server_port !ip !anylog_server_port
run rest server !ip !anylog_rest_port

# Step 3: almgm and tsd_info
connect dbms almgm where type=!db_type and ip=!db_ip and port=!db_port and user=!db_user and password=!db_passwd
create table tsd_info where dbms=almgm

# Step 5: system_query
connect dbms system_query where type=sqlite and memory=true

# Step 6: scheduler and blockchain sync
run scheduler 1
run blockchain sync where source=blockchain_source and time=!sync_time and dest=blockchain_destination and connection=!ledger_conn

# Step 8: declare the node
<new_policy = {"master": {
    "hostname": !hostname,
    "name": !node_name,
    "ip" : !external_ip,
    "local_ip": !ip,
    "company": !company_name,
    "port" : !anylog_server_port.int,
    "rest_port": !anylog_rest_port.int,
    "loc": !loc,
    "country": !country,
    "state": !state,
    "city": !city
}}>
do blockchain prepare policy !new_policy
do blockchain insert where policy=!new_policy and local=true and master=!ledger_conn

# Step 10: MQTT
<run mqtt client where broker=!broker and port=!port and log=!mqtt_log and topic=(
   name=!mqtt_topic_name and
   dbms=!mqtt_topic_dbms and
   table=!mqtt_topic_table and
   column.timestamp.timestamp=!mqtt_column_timestamp and
   column.value=(value=!mqtt_column_value and type=!mqtt_column_value_type)
)>

# Step 12: the publisher
<run publisher where
    compress_json=!compress_file and
    compress_sql=!publisher_compress_file and
    master_node=!ledger_conn and
    dbms_name=!dbms_file_location and
    table_name=!table_file_location
>

# Step 13: validate
get processes
